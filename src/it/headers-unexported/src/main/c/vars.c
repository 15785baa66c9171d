#include "vars.h"

int visible_count = 1;
int hidden_count = 2;
