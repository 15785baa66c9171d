#ifndef SIGENV_H
#define SIGENV_H
int ping(void);
/* 1 when the JVM has -Dsigenv.pom=yes (from the pom). */
int pom_property(void);
/* 1 when the JVM has -Dsigenv.env (which only SIGENV_JVM_OPTIONS could have set). */
int env_property(void);
#endif
