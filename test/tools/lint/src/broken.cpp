// Does not compile: refcycle-lint must say so and fail the run.
int broken() { return undeclared_name; }
