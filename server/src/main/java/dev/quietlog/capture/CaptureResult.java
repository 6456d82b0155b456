package dev.quietlog.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** The server's decision on one event of a batch, in the batch's order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureResult(int index, String status, String reason, UUID interactionId) {
    static CaptureResult rejected(int index, String reason) {
        return new CaptureResult(index, "rejected", reason, null);
    }

    static CaptureResult skipped(int index, String reason) {
        return new CaptureResult(index, "skipped", reason, null);
    }
}
