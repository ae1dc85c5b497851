// Globals that a header declares: any file that includes it can reach them.
#include <map>
#include <unordered_map>

extern std::unordered_map<int, int> globalCache;
extern std::map<int, int> exported;
