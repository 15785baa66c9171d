/* A glibc NSS passwd module ("jx" on the passwd: line of nsswitch.conf) whose entries come from Java. */
#ifndef NSS_JX_H
#define NSS_JX_H
#include <errno.h>
#include <nss.h>
#include <pwd.h>
#include <stddef.h>

/* The lookups glibc's getpwnam(_r) and getpwuid(_r) make: fill *pwd with strings in buffer (buflen bytes); when the
   entry does not fit, *errnop = ERANGE and NSS_STATUS_TRYAGAIN (glibc retries with a larger buffer). */
enum nss_status _nss_jx_getpwnam_r(const char *name, struct passwd *pwd, char *buffer, size_t buflen, int *errnop);
enum nss_status _nss_jx_getpwuid_r(uid_t uid, struct passwd *pwd, char *buffer, size_t buflen, int *errnop);

/* Enumeration (getent passwd, getpwent). */
enum nss_status _nss_jx_setpwent(int stayopen);
enum nss_status _nss_jx_getpwent_r(struct passwd *pwd, char *buffer, size_t buflen, int *errnop);
enum nss_status _nss_jx_endpwent(void);
#endif
