// Placeholder until this command lands.
#include "common/error.h"
#include "indexer/commands.h"
namespace paper {
int run_status(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
  err << "paper-index: error: 'status' is not available in this build yet\n";
  return kExitFatal;
}
}  // namespace paper
