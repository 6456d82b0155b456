package dev.quietlog.capture;

import java.util.List;

/** What every validated event offers the pipeline, whatever its type. */
sealed interface CapturedEvent permits EmailEvent, MeetingEvent {
    /** The identity of the real-world email or meeting within an org. */
    String dedupKey();

    List<Participant> participants();

    /** The address of the account the event was seen in: it must be one of the rep's own. */
    String mailbox();
}
