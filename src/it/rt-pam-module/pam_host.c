/*
 * A PAM application as login services are: authenticate a user, then give up root in the usual order (groups first:
 * setresgid, setgroups, setresuid) and call the module again, in the process that now runs as that user.
 * Usage: pam_host SERVICE USER UID (UID "-": authenticate once, as the process is). Prints each result; exit status 0
 * when every step went as expected.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <security/pam_appl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int no_conversation(int n, const struct pam_message **msg, struct pam_response **resp, void *data) {
    (void)n;
    (void)msg;
    (void)resp;
    (void)data;
    return PAM_CONV_ERR; /* the module asks nothing: the user is given to pam_start */
}

static int authenticate(const char *service, const char *user) {
    struct pam_conv conv = { no_conversation, NULL };
    pam_handle_t *pamh = NULL;
    int rc = pam_start(service, user, &conv, &pamh);
    if (rc == PAM_SUCCESS) {
        rc = pam_authenticate(pamh, PAM_SILENT);
    }
    printf("uid %d: %s: %s\n", (int)getuid(), user, pam_strerror(pamh, rc));
    pam_end(pamh, rc);
    return rc;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 4) {
        fprintf(stderr, "usage: pam_host SERVICE USER UID\n");
        return 2;
    }
    const char *service = argv[1], *user = argv[2];
    int ok = authenticate(service, user) == PAM_SUCCESS;
    ok &= authenticate(service, "mallory") == PAM_USER_UNKNOWN;
    if (strcmp(argv[3], "-") == 0) {
        return ok ? 0 : 1;
    }
    uid_t id = (uid_t)strtoul(argv[3], NULL, 10);
    if (setresgid(id, id, id) != 0 || setgroups(0, NULL) != 0 || setresuid(id, id, id) != 0) {
        perror("dropping root");
        return 1;
    }
    printf("now uid %d gid %d\n", (int)getuid(), (int)getgid());
    ok &= authenticate(service, user) == PAM_SUCCESS;
    ok &= authenticate(service, "mallory") == PAM_USER_UNKNOWN;
    return ok ? 0 : 1;
}
