/* Not exported: struct passwd's layout as this library's compiler sees it, for the Java side (user C defines it). */
#ifndef NSS_JX_LAYOUT_H
#define NSS_JX_LAYOUT_H
#include <stddef.h>

/* sizeof(struct passwd), then the offsets of pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell. */
extern const size_t jx_passwd_layout[8];
#endif
