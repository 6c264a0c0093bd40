#include "query/query_parser_setup.h"

namespace paper::query {

void configure_parser(Xapian::QueryParser& qp, const Xapian::Database& db,
                      Xapian::Stopper* stopper) {
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  // As indexed (common/schema.h): every word becomes "Z" + field prefix + its stem.
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  qp.set_stopper(stopper);
  qp.set_max_expansion(64, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

}  // namespace paper::query
