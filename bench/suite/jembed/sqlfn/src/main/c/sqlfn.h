/* The SQLite workload's library exports no Java function: its one entry point, sqlfn_register, is user C
 * (src/main/c/sqlfn.c), and the Java function it registers is internal (internal/sqlfn_internal.h). */
#ifndef SQLFN_H
#define SQLFN_H
#endif
