package dev.quietlog.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.directory.EmailAddresses;
import dev.quietlog.directory.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Who a contact is, for the panel beside an open email: their account, how often and how
 * recently the reps the caller may see ({@link Visibility}) have been in touch, and the last few
 * touches. Counts cover only the interactions the caller may see.
 */
public final class ContactSummary {
    private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.removingComments();
    private static final String COUNTS = SQL.getResource(ContactSummary.class.getClassLoader(), "sql/contact-counts.sql");
    private static final String LAST_TOUCHES = SQL.getResource(ContactSummary.class.getClassLoader(),
            "sql/contact-last-touches.sql");
    private static final String ACCOUNT_CONTACTS = SQL.getResource(ContactSummary.class.getClassLoader(),
            "sql/account-contacts.sql");
    private static final int LAST_TOUCH_LIMIT = 5;

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public ContactSummary(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public record Contact(String email, String name, String account) {
    }

    /** meetings includes the cancelled ones, which cancelledMeetings counts apart. */
    public record Counts(long emails, long meetings, long cancelledMeetings, long total, Instant firstTouchAt,
                         Instant lastTouchAt) {
    }

    public record Touch(UUID id, String type, String subject, Instant occurredAt, Instant endsAt, String status,
                        JsonNode reps) {
    }

    public record Account(String domain, long contacts, Counts counts) {
    }

    public record Summary(Contact contact, Counts counts, List<Touch> lastTouches, Account account) {
    }

    public Summary of(Visibility.Scope scope, String rawEmail) {
        String email = EmailAddresses.normalise(rawEmail);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        UUID[] visible = scope.sqlUsers();
        return jdbi.withHandle(h -> {
            // "No such contact" and "not one of yours" are the same answer, so a rep cannot probe
            // which people the org's other reps are in touch with.
            ApiError noContact = ApiError.notFound("no contact " + email);
            Contact contact = h.createQuery("select email, name, account_domain from contacts where org_id = :org and email = :email")
                    .bind("org", scope.orgId()).bind("email", email)
                    .map((rs, ctx) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .findOne()
                    .orElseThrow(() -> noContact);
            Counts counts = counts(h, scope.orgId(), "ic.email", email, visible);
            if (counts.total() == 0 && visible != null) {
                throw noContact;
            }
            List<Touch> touches = h.createQuery(LAST_TOUCHES)
                    .bind("org", scope.orgId()).bind("email", email).bindByType("visible", visible, UUID[].class)
                    .bind("limit", LAST_TOUCH_LIMIT)
                    .map((rs, ctx) -> new Touch(rs.getObject("id", UUID.class), rs.getString("kind"),
                            rs.getString("subject"), instant(rs.getObject("occurred_at", OffsetDateTime.class)),
                            instant(rs.getObject("ends_at", OffsetDateTime.class)), rs.getString("status"),
                            parse(rs.getString("reps"))))
                    .list();
            Account account = contact.account() == null ? null : new Account(contact.account(),
                    h.createQuery(ACCOUNT_CONTACTS)
                            .bind("org", scope.orgId()).bind("domain", contact.account())
                            .bindByType("visible", visible, UUID[].class)
                            .mapTo(Long.class).one(),
                    counts(h, scope.orgId(), "ic.account_domain", contact.account(), visible));
            return new Summary(contact, counts, touches, account);
        });
    }

    private static Counts counts(Handle h, UUID orgId, String column, String value, UUID[] visible) {
        return h.createQuery(COUNTS).define("column", column)
                .bind("org", orgId).bind("value", value).bindByType("visible", visible, UUID[].class)
                .map((rs, ctx) -> new Counts(rs.getLong("emails"), rs.getLong("meetings"),
                        rs.getLong("cancelled_meetings"), rs.getLong("emails") + rs.getLong("meetings"),
                        instant(rs.getObject("first_touch", OffsetDateTime.class)),
                        instant(rs.getObject("last_touch", OffsetDateTime.class))))
                .one();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
