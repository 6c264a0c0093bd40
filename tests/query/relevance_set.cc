#include "tests/query/relevance_set.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace paper::testing {

namespace {

constexpr int kPapers = 40;
constexpr int kPages = 10;

// Deterministic on every platform (std:: distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint32_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(static_cast<int>(v.size()))];
  }

 private:
  std::uint64_t state_;
};

const std::vector<std::string> kFiller = {
    "model",       "network",       "training",     "dataset",    "results",   "method",
    "image",       "performance",   "evaluation",   "proposed",   "feature",   "layer",
    "accuracy",    "baseline",      "experiment",   "table",      "figure",    "input",
    "output",      "parameter",     "clinical",     "patients",   "scanner",   "resolution",
    "annotation",  "validation",    "protocol",     "cohort",     "intensity", "volume",
    "slice",       "voxel",         "pixel",        "encoder",    "decoder",   "convolution",
    "optimizer",   "learning",      "rate",         "epoch",      "batch",     "inference",
    "metric",      "score",         "comparison",   "approach",   "framework", "architecture",
    "pipeline",    "preprocessing", "augmentation", "normalised", "robust",    "efficient",
    "significant", "improvement",   "previous",     "recent",     "studies",   "analysis"};

struct Topic {
  std::vector<std::string> words;    // the query
  std::vector<std::string> context;  // words a focused page uses around them
};

const std::vector<Topic> kTopics = {
    {{"superpixel", "graph", "refinement"}, {"regions", "edges", "affinity"}},
    {{"boundary", "aware", "loss"}, {"contour", "distance", "map"}},
    {{"test", "time", "adaptation"}, {"shift", "entropy", "statistics"}},
    {{"uncertainty", "calibration"}, {"ensembles", "dropout", "reliability"}},
    {{"stain", "normalization", "histopathology"}, {"hematoxylin", "colour", "slides"}},
    {{"diffeomorphic", "registration"}, {"deformation", "velocity", "field"}},
    {{"teacher", "student", "distillation"}, {"soft", "targets", "logits"}},
    {{"noisy", "labels"}, {"annotators", "disagreement", "correction"}},
    {{"shape", "prior", "atlas"}, {"template", "anatomical", "plausible"}},
    {{"curriculum", "sampling"}, {"easy", "hard", "schedule"}},
    {{"attention", "gate"}, {"gating", "salient", "suppress"}},
    {{"persistent", "homology", "topology"}, {"betti", "connected", "holes"}},
    {{"annotation", "budget", "querying"}, {"informative", "oracle", "rounds"}},
    {{"federated", "aggregation"}, {"clients", "hospitals", "privacy"}},
    {{"vessel", "centerline"}, {"tubular", "branches", "tracking"}},
    {{"cardiac", "motion", "tracking"}, {"myocardium", "strain", "cine"}},
    {{"polyp", "colonoscopy"}, {"endoscopic", "frames", "video"}},
    {{"dental", "panoramic"}, {"teeth", "radiograph", "caries"}},
    {{"fetal", "biometry"}, {"ultrasound", "head", "circumference"}},
    {{"nodule", "malignancy"}, {"lung", "screening", "benign"}},
    {{"dermoscopy", "lesion", "border"}, {"melanoma", "skin", "asymmetry"}},
    {{"fundus", "vessel", "retinal"}, {"optic", "disc", "retina"}},
    {{"prostate", "zonal"}, {"peripheral", "transition", "gland"}},
    {{"brain", "tumour", "subregions"}, {"enhancing", "necrotic", "oedema"}},
};

std::string sentence(Random& r, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    std::string w = r.pick(kFiller);
    if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
    s += (i ? " " : "") + w;
  }
  return s + ". ";
}

// A sentence that uses the given words (and filler) in order.
std::string sentence_with(Random& r, const std::vector<std::string>& words) {
  std::string s = "We find that the";
  for (const std::string& w : words) s += " " + r.pick(kFiller) + " " + w;
  return s + " " + r.pick(kFiller) + ". ";
}

// The focused page: the topic words together, several times, with their context words.
std::string focused_passage(Random& r, const Topic& t) {
  std::string s;
  for (int k = 0; k < 4; ++k) {
    std::vector<std::string> words = t.words;
    words.push_back(t.context[k % t.context.size()]);
    s += sentence_with(r, words) + sentence(r, 8);
  }
  return s;
}

std::string title_case(const std::string& w) {
  std::string s = w;
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

RelevanceSet relevance_set() {
  Random r(20240527);
  RelevanceSet set;
  // Generic titles: never the topic words.
  const std::vector<std::string> adjectives = {"Efficient", "Robust", "Scalable", "Simple",
                                               "Unified"};
  const std::vector<std::string> nouns = {"Networks", "Models",  "Pipelines", "Frameworks",
                                          "Encoders", "Methods", "Baselines", "Pipelines"};
  std::vector<std::vector<std::string>> pages(kPages);
  for (int p = 0; p < kPapers; ++p) {
    PaperSpec spec;
    spec.id = "paper-" + std::to_string(p + 1);
    spec.title = adjectives[p % adjectives.size()] + " " + nouns[(p / 5) % nouns.size()] +
                 " for Medical Images, Study " + std::to_string(p + 1);
    spec.authors = {"Author " + std::to_string(p + 1)};
    spec.venue = p % 2 ? "MICCAI" : "MIDL";
    spec.year = 2015 + p % 9;
    spec.section = "Generated";
    spec.abstract = sentence(r, 20);
    for (int page = 0; page < kPages; ++page) {
      std::string text;
      int sentences = 8 + r.below(10);
      for (int k = 0; k < sentences; ++k) {
        text += sentence(r, 8 + r.below(8));
        // Background: topic words used in passing all over the collection, so that many papers
        // match some or all query words by chance.
        if (r.below(4) == 0) {
          const Topic& t = kTopics[r.below(static_cast<int>(kTopics.size()))];
          text += sentence_with(r, {t.words[r.below(static_cast<int>(t.words.size()))]});
        }
      }
      spec.pages.push_back(text);
    }
    set.papers.push_back(std::move(spec));
  }
  auto page_of = [&](int paper, int page) -> std::string& { return set.papers[paper].pages[page]; };
  for (std::size_t t = 0; t < kTopics.size(); ++t) {
    const Topic& topic = kTopics[t];
    // Five distinct papers for the roles.
    std::vector<int> order(kPapers);
    for (int i = 0; i < kPapers; ++i) order[i] = i;
    for (int i = kPapers - 1; i > 0; --i) std::swap(order[i], order[r.below(i + 1)]);
    const int focus = order[0], focus_titled = order[1], mention = order[2];
    const int scatter[2] = {order[3], order[4]};
    JudgedQuery q;
    for (const std::string& w : topic.words) q.text += (q.text.empty() ? "" : " ") + w;

    page_of(focus, 1 + r.below(kPages - 1)) += focused_passage(r, topic);
    q.grades[set.papers[focus].id] = 2;
    if (t % 3 == 0) {
      PaperSpec& titled = set.papers[focus_titled];
      std::string named;
      for (const std::string& w : topic.words) named += " " + title_case(w);
      titled.title = named.substr(1) + " for Segmentation, Study " + titled.id.substr(6);
      page_of(focus_titled, 1 + r.below(kPages - 1)) += focused_passage(r, topic);
      q.grades[titled.id] = 2;
    }
    page_of(mention, r.below(kPages)) += sentence_with(r, topic.words);
    q.grades[set.papers[mention].id] = 1;
    // Each query word often, but every word on its own pages and in unrelated sentences.
    for (int d : scatter) {
      for (std::size_t w = 0; w < topic.words.size(); ++w) {
        for (int k = 0; k < 3; ++k) {
          int page = static_cast<int>((w * 3 + k) % kPages);
          std::string s = "The " + topic.words[w] + " " + r.pick(kFiller) + " of the " +
                          r.pick(kFiller) + " is reported in the " + topic.words[w] + " table. ";
          page_of(d, page) += s;
        }
      }
    }
    set.queries.push_back(std::move(q));
  }
  return set;
}

double ndcg_at_10(const std::vector<std::string>& ranked,
                  const std::map<std::string, int>& grades) {
  auto gain = [](int g) { return std::pow(2.0, g) - 1; };
  double dcg = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end()) dcg += gain(it->second) / std::log2(static_cast<double>(i) + 2);
  }
  std::vector<int> ideal;
  for (const auto& [id, g] : grades) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
    idcg += gain(ideal[i]) / std::log2(static_cast<double>(i) + 2);
  }
  return idcg > 0 ? dcg / idcg : 0;
}

double mrr_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end() && it->second >= 1) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

}  // namespace paper::testing
