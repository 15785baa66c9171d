package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;
import org.example.capi.pam_calls_h;
import org.jembed.runtime.Export;

/** Authenticates the users it knows; asks libpam for the user name. */
public final class PamModule {
    private static final int PAM_SUCCESS = 0, PAM_USER_UNKNOWN = 10;
    /** PAM_SYSTEM_ERR: what a call returns when the library cannot answer. */
    private static final String SYSTEM_ERR = "4";
    private static final Set<String> KNOWN = Set.of("alice", "bob");

    @Export(error = SYSTEM_ERR)
    public static int pam_sm_authenticate(MemorySegment pamh, int flags, int argc, MemorySegment argv) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment user = arena.allocate(ValueLayout.ADDRESS);
            int rc = pam_calls_h.pam_get_user(pamh, user, MemorySegment.NULL);
            if (rc != PAM_SUCCESS) {
                return rc;
            }
            String name = user.get(ValueLayout.ADDRESS, 0).reinterpret(Long.MAX_VALUE).getString(0);
            return KNOWN.contains(name) ? PAM_SUCCESS : PAM_USER_UNKNOWN;
        }
    }

    @Export(error = SYSTEM_ERR)
    public static int pam_sm_setcred(MemorySegment pamh, int flags, int argc, MemorySegment argv) {
        return PAM_SUCCESS;
    }
}
