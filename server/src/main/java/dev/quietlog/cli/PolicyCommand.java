package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "policy", description = "Show or change the org's capture policy.",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
public final class PolicyCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "show", description = "Print the org's policy as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> print(client.send("GET", "/api/v1/admin/policy", null)));
        }
    }

    @Command(name = "set", description = "Change the given parts of the org's policy; lists replace the current ones.")
    static final class Set implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--internal-domains", description = "Comma-separated, e.g. acme.com,acme.co.uk")
        String internalDomains;

        @Option(names = "--never-log-addresses", description = "Comma-separated addresses never to log (empty to clear)")
        String neverLogAddresses;

        @Option(names = "--never-log-domains", description = "Comma-separated domains never to log (empty to clear)")
        String neverLogDomains;

        @Option(names = "--allow-free-mail", arity = "1", description = "true or false")
        Boolean allowFreeMail;

        @Option(names = "--capture-level", description = "metadata, subject or subject_snippet")
        String captureLevel;

        @Option(names = "--allow-delegated-mailboxes", arity = "1",
                description = "true or false: whether reps log mail in mailboxes delegated to them")
        Boolean allowDelegatedMailboxes;

        @Option(names = "--token-default-days", description = "Lifetime of a new token when none is asked for (days)")
        Integer tokenDefaultDays;

        @Option(names = "--token-max-days", description = "Longest lifetime a token may be issued with (days)")
        Integer tokenMaxDays;

        @Option(names = "--minutes-per-email", description = "Customer-time minutes credited per email a rep sends (default 3)")
        Integer minutesPerEmail;

        @Option(names = "--working-hours-per-week", description = "Working hours a week, the base of customer-time share (default 40)")
        Double workingHoursPerWeek;

        @Option(names = "--oidc-issuer", description = "Single sign-on: the OpenID provider's issuer URL, e.g. https://acme.okta.com")
        String oidcIssuer;

        @Option(names = "--oidc-client-id", description = "Single sign-on: the client id of the app registered at the provider")
        String oidcClientId;

        @Option(names = "--sign-in-name", description = "Single sign-on: the company name on the button \"Sign in with <name>\"")
        String signInName;

        @Option(names = "--oidc-provider", description = "Single sign-on: okta, entra, google or generic (default: read off the issuer)")
        String oidcProvider;

        @Option(names = "--no-sign-in", description = "Turn single sign-on off (reps then paste tokens)")
        boolean noSignIn;

        @Mixin
        ConnectorOptions connectors;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> patch = new LinkedHashMap<>();
            if (minutesPerEmail != null) {
                patch.put("minutesPerEmail", minutesPerEmail);
            }
            if (workingHoursPerWeek != null) {
                patch.put("workingHoursPerWeek", workingHoursPerWeek);
            }
            if (internalDomains != null) {
                patch.put("internalDomains", list(internalDomains));
            }
            Map<String, Object> neverLog = new LinkedHashMap<>();
            if (neverLogAddresses != null) {
                neverLog.put("addresses", list(neverLogAddresses));
            }
            if (neverLogDomains != null) {
                neverLog.put("domains", list(neverLogDomains));
            }
            if (!neverLog.isEmpty()) {
                patch.put("neverLog", neverLog);
            }
            if (allowFreeMail != null) {
                patch.put("allowFreeMail", allowFreeMail);
            }
            if (captureLevel != null) {
                patch.put("captureLevel", captureLevel);
            }
            if (allowDelegatedMailboxes != null) {
                patch.put("allowDelegatedMailboxes", allowDelegatedMailboxes);
            }
            Map<String, Object> lifetime = new LinkedHashMap<>();
            if (tokenDefaultDays != null) {
                lifetime.put("defaultDays", tokenDefaultDays);
            }
            if (tokenMaxDays != null) {
                lifetime.put("maxDays", tokenMaxDays);
            }
            if (!lifetime.isEmpty()) {
                patch.put("tokenLifetime", lifetime);
            }
            Map<String, Object> signIn = new LinkedHashMap<>();
            putIfSet(signIn, "issuer", oidcIssuer);
            putIfSet(signIn, "clientId", oidcClientId);
            putIfSet(signIn, "displayName", signInName);
            putIfSet(signIn, "provider", oidcProvider);
            if (noSignIn && !signIn.isEmpty()) {
                System.err.println("--no-sign-in cannot be combined with other single sign-on options.");
                return 2;
            }
            if (noSignIn) {
                patch.put("signIn", null);
            } else if (!signIn.isEmpty()) {
                patch.put("signIn", signIn);
            }
            connectors.addTo(patch);
            if (patch.isEmpty()) {
                System.err.println("Nothing to change: give at least one option (see --help).");
                return 2;
            }
            return CliOutput.run(() -> print(client.send("PATCH", "/api/v1/admin/policy", patch)));
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void print(JsonNode node) throws Exception {
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }
}
