// Placeholder until the query tool lands.
#include <iostream>
int main() {
  std::cerr << "paper-search: error: not available in this build yet\n";
  return 1;
}
