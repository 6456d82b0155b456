package dev.quietlog.admin;

import dev.quietlog.audit.Audit;
import dev.quietlog.auth.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit entries of the token lifecycle, in one place, so that a revocation or a bulk issue
 * reads the same in the log whether the admin used the API, the CLI or the dashboard ({@code via}
 * says which, when it is not the API).
 */
public final class TokenAudit {
    private final Audit audit;

    public TokenAudit(Audit audit) {
        this.audit = audit;
    }

    public void revoked(Principal admin, TokensService.TokenInfo t, String via) {
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "token.revoked",
                t.userEmail() != null ? t.userEmail() : t.kind() + " token", details(via, "tokenId", t.id(), "kind", t.kind()));
    }

    public void revokedAll(Principal admin, String email, int revoked, String via) {
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "token.revoked-all", email.toLowerCase(Locale.ROOT),
                details(via, "revoked", revoked));
    }

    public void issuedFromCsv(Principal admin, List<TokensService.BulkLine> lines, String via) {
        for (TokensService.BulkLine l : lines) {
            if (l.token() != null) {
                audit.record(admin.orgId(), Audit.Actor.admin(admin), "token.issued", l.email(),
                        details(null, "tokenId", l.id(), "expiresAt", l.expiresAt().toString(), "via", via));
            }
        }
    }

    private static Map<String, Object> details(String via, Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        if (via != null) {
            out.put("via", via);
        }
        return out;
    }
}
