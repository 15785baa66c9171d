/*
 * jni_md.h for macOS (x86_64, arm64), carried by jembed for cross builds: <JDK>/include/jni.h is the same on every
 * platform and includes this file for the few platform facts (JNI specification, "JNI Types and Data Structures").
 * Written for jembed from the specification's facts: jint is 32 bits, jlong 64 bits (LP64: long), jbyte 8 bits
 * signed; exported functions have default Mach-O visibility; the calling convention is the platform's C one.
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#ifndef JNIEXPORT
#define JNIEXPORT __attribute__((visibility("default")))
#endif
#define JNIIMPORT __attribute__((visibility("default")))
#define JNICALL /* as JDK 24+ jni.h defines it itself: identical, so no redefinition warning */

typedef int jint;
#ifdef _LP64
typedef long jlong;
#else
typedef long long jlong;
#endif
typedef signed char jbyte;

#endif
