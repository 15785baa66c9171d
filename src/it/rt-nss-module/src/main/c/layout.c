/* struct passwd's size and member offsets, from the compiler: the Java side writes entries through them. */
#include <pwd.h>
#include "internal/layout.h"

const size_t jx_passwd_layout[8] = {
    sizeof(struct passwd),
    offsetof(struct passwd, pw_name), offsetof(struct passwd, pw_passwd), offsetof(struct passwd, pw_uid),
    offsetof(struct passwd, pw_gid), offsetof(struct passwd, pw_gecos), offsetof(struct passwd, pw_dir),
    offsetof(struct passwd, pw_shell),
};
