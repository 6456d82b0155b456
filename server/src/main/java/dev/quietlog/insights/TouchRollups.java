package dev.quietlog.insights;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the dashboard's rollups (rep_days, rep_account_days, rep_day_accounts, rep_accounts,
 * rep_contacts, account_days, account_activity) current: called inside
 * each capture transaction with the interactions it changed. What an interaction counts is
 * defined once, in SQL (touch_facts; refresh_touches, latest in V49).
 */
public final class TouchRollups {
    private TouchRollups() {
    }

    public static void refresh(Handle h, UUID orgId, List<String> changedKeys) {
        h.createQuery("select refresh_touches_by_keys(:org, :keys)")
                .bind("org", orgId)
                .bindArray("keys", String.class, changedKeys)
                .mapToMap().one();
    }
}
