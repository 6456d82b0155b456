package dev.quietlog.capture;

import java.time.Instant;

/**
 * Which version of a meeting a calendar gave: iCalendar SEQUENCE (Google's sequence) and the
 * last-modified time (Google's updated, Graph's lastModifiedDateTime, iMIP's DTSTAMP). Graph
 * gives no sequence, so two versions are told apart by sequence only when both carry one, and
 * otherwise by the modification time; an unknown time counts as the oldest.
 */
record MeetingVersion(Integer sequence, Instant updatedAt) {
    static final MeetingVersion UNKNOWN = new MeetingVersion(null, null);

    /** Negative when this version is older than the other, 0 when neither is known to be newer. */
    int compareTo(MeetingVersion other) {
        if (sequence != null && other.sequence != null && !sequence.equals(other.sequence)) {
            return Integer.compare(sequence, other.sequence);
        }
        if (updatedAt == null || other.updatedAt == null) {
            return updatedAt == null ? (other.updatedAt == null ? 0 : -1) : 1;
        }
        return updatedAt.compareTo(other.updatedAt);
    }

    boolean isOlderThan(MeetingVersion other) {
        return compareTo(other) < 0;
    }

    /** The newest version seen once this one is applied over the other: known parts are kept. */
    MeetingVersion over(MeetingVersion older) {
        return new MeetingVersion(sequence != null ? sequence : older.sequence,
                updatedAt != null ? updatedAt : older.updatedAt);
    }
}
