package dev.quietlog.insights;

import java.time.Instant;
import java.util.UUID;

/**
 * One interaction as a timeline row. {@code with} lists the customers by display name (else
 * address); {@code reps} the reps the viewer may see who took part. Text here is hostile email
 * content: templates escape it, CSV neutralises it.
 */
public record Touch(UUID id, Instant occurredAt, Instant endsAt, String kind, String direction, String status,
                    String subject, String with, String reps, String accounts) {

    public String what() {
        if (kind.equals("email")) {
            return direction == null ? "email" : "email " + (direction.equals("outbound") ? "out" : "in");
        }
        return "cancelled".equals(status) ? "meeting (cancelled)" : "meeting";
    }

    public String subjectText() {
        return subject == null ? "(subject not captured)" : subject;
    }
}
