// Placeholder until this command lands.
#include "common/error.h"
#include "indexer/commands.h"
namespace paper {
int run_check(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
  err << "paper-index: error: 'check' is not available in this build yet\n";
  return kExitFatal;
}
}  // namespace paper
