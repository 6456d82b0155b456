package dev.quietlog.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Domains where anyone can get an address (gmail.com, outlook.com, …): a person there is not a
 * company account. The list comes from a maintained npm package that the extension bundles
 * too (scripts/update-free-mail-domains), so both sides decide the same way.
 */
public final class FreeMailDomains {
    private static final String RESOURCE = "policy/free-mail-domains.txt";
    private static final FreeMailDomains INSTANCE = load();

    private final Set<String> domains;

    private FreeMailDomains(Set<String> domains) {
        this.domains = domains;
    }

    public static FreeMailDomains get() {
        return INSTANCE;
    }

    public boolean contains(String domain) {
        return domains.contains(domain);
    }

    public int size() {
        return domains.size();
    }

    private static FreeMailDomains load() {
        try (InputStream in = FreeMailDomains.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> set = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(set::add);
            return new FreeMailDomains(Set.copyOf(set));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
