#include "abi.h"

int (*abi_hook)(int);
