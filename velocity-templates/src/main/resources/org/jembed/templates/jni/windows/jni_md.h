/*
 * jni_md.h for Windows (x86_64), carried by jembed for cross builds with mingw-w64: <JDK>/include/jni.h is the same
 * on every platform and includes this file for the few platform facts (JNI specification, "JNI Types and Data
 * Structures"). Written for jembed from the specification's facts: jint is 32 bits and jlong 64 bits on an LLP64
 * system, where long is only 32 bits (so jint is long, as in the JDK's own header, and jlong is long long); jbyte
 * is 8 bits signed; exports and imports are __declspec. JNICALL was __stdcall for 32-bit Windows, which is gone
 * (JEP 479): on x86_64 there is one calling convention, and JDK 24+ jni.h itself defines JNICALL as empty, so it is
 * empty here too (an identical definition, no redefinition warning with any jni.h).
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#ifndef JNIEXPORT
#define JNIEXPORT __declspec(dllexport)
#endif
#define JNIIMPORT __declspec(dllimport)
#define JNICALL

typedef long jint;
typedef long long jlong;
typedef signed char jbyte;

#endif
