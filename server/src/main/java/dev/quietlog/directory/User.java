package dev.quietlog.directory;

import dev.quietlog.auth.Role;
import java.util.UUID;

public record User(UUID orgId, UUID id, String email, String name, Role role, boolean active) {
}
