// What every fuzz input may use without including it: refcycle-fuzz parses
// each input with this header precompiled (-include-pch), so an input is a
// fragment of C++ that names std:: types directly.
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
