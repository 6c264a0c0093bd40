#include "indexer/fetch/resolve.h"
#include "indexer/fetch/url_text.h"

namespace paper {
namespace {

using fetch_detail::lower;
using fetch_detail::starts_with;

std::string decode_entities(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&#38;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
      {"&lt;", "<"},  {"&gt;", ">"},  {"&#x3D;", "="},  {"&#61;", "="}};
  for (const auto& [from, to] : kEntities) {
    std::size_t pos = 0;
    std::string f = from;
    while ((pos = s.find(f, pos)) != std::string::npos) {
      s.replace(pos, f.size(), to);
      pos += std::string(to).size();
    }
  }
  return s;
}

// An attribute's value within one tag's text, or "". Any white space separates attributes and
// may stand around the '=' (pretty-printed pages put each attribute on a line of its own).
std::string attribute(std::string_view tag, std::string_view name) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; };
  const std::string t = lower(tag);
  const std::string key = lower(name);
  for (std::size_t pos = t.find(key); pos != std::string::npos; pos = t.find(key, pos + 1)) {
    if (pos == 0 || !space(t[pos - 1])) continue;
    std::size_t v = pos + key.size();
    while (v < t.size() && space(t[v])) ++v;
    if (v >= t.size() || t[v] != '=') continue;
    ++v;
    while (v < t.size() && space(t[v])) ++v;
    if (v >= tag.size()) return "";
    const char quote = tag[v];
    if (quote == '"' || quote == '\'') {
      const std::size_t end = tag.find(quote, v + 1);
      if (end == std::string_view::npos) return "";
      return decode_entities(std::string(tag.substr(v + 1, end - v - 1)));
    }
    const std::size_t end = tag.find_first_of(" \t\r\n\f>", v);
    return decode_entities(std::string(tag.substr(v, end - v)));
  }
  return "";
}

// Every tag named `name` in html, as the text between '<' and '>'.
std::vector<std::string_view> tags(std::string_view html, const std::string& lower_html,
                                   std::string_view name) {
  std::vector<std::string_view> out;
  std::string open = "<" + std::string(name);
  std::size_t pos = 0;
  while ((pos = lower_html.find(open, pos)) != std::string::npos) {
    std::size_t after = pos + open.size();
    if (after < html.size() && !std::isspace(static_cast<unsigned char>(html[after]))) {
      pos = after;
      continue;
    }
    std::size_t end = html.find('>', after);
    if (end == std::string_view::npos) break;
    out.push_back(html.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// ref resolved against base (absolute, scheme-relative, absolute-path or relative path).
std::optional<std::string> resolve_reference(const std::string& base, const std::string& ref) {
  if (ref.empty()) return std::nullopt;
  if (parse_url(ref)) return ref;
  auto b = parse_url(base);
  if (!b) return std::nullopt;
  std::string origin = b->scheme + "://" + b->host + (b->port.empty() ? "" : ":" + b->port);
  if (starts_with(ref, "//")) return b->scheme + ":" + ref;
  if (ref[0] == '/') return origin + ref;
  if (ref[0] == '?') return origin + b->path + ref;
  std::string dir = b->path.substr(0, b->path.rfind('/') + 1);
  return origin + dir + ref;
}

std::optional<std::string> http_only(std::optional<std::string> url) {
  if (!url) return std::nullopt;
  auto u = parse_url(*url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) return std::nullopt;
  return url;
}

}  // namespace

std::optional<std::string> follow_html_page(const std::string& page_url, std::string_view html) {
  std::string lower_html = lower(html);
  // Google Drive's virus-scan warning: resubmit its form (GET) with the hidden inputs.
  for (std::string_view form : tags(html, lower_html, "form")) {
    if (attribute(form, "id") != "download-form") continue;
    std::size_t form_pos = static_cast<std::size_t>(form.data() - html.data());
    std::size_t form_end = lower_html.find("</form", form_pos);
    std::string_view body = html.substr(
        form_pos, form_end == std::string::npos ? std::string_view::npos : form_end - form_pos);
    std::string action = attribute(form, "action");
    auto target = resolve_reference(page_url, action.empty() ? page_url : action);
    if (!target) return std::nullopt;
    std::string query;
    for (std::string_view input : tags(body, lower(body), "input")) {
      std::string name = attribute(input, "name");
      if (name.empty() || lower(attribute(input, "type")) == "submit") continue;
      query += (query.empty() ? "" : "&") + name + "=" + attribute(input, "value");
    }
    std::string url = *target;
    if (!query.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + query;
    return http_only(url);
  }
  // The Highwire Press tag that Google Scholar and Zotero read, on the landing pages of most
  // publishers and proceedings (Springer, Nature, ACM, MDPI, PLOS, bioRxiv, CVF, PMLR, ...):
  // <meta name="citation_pdf_url" content="...">. Behind a paywall it leads to a login page,
  // reported as such.
  for (std::string_view meta : tags(html, lower_html, "meta")) {
    if (lower(attribute(meta, "name")) != "citation_pdf_url") continue;
    const std::string content = attribute(meta, "content");
    if (content.empty()) continue;
    if (auto target = http_only(resolve_reference(page_url, content)); target) return target;
  }
  // OJS (AAAI): the PDF galley link; /view/ shows a viewer, /download/ gives the bytes.
  for (std::string_view a : tags(html, lower_html, "a")) {
    std::string cls = " " + lower(attribute(a, "class")) + " ";
    if (cls.find(" obj_galley_link ") == std::string::npos ||
        cls.find(" pdf ") == std::string::npos)
      continue;
    std::string href = attribute(a, "href");
    std::size_t view = href.find("/article/view/");
    if (view != std::string::npos) href.replace(view, 14, "/article/download/");
    return http_only(resolve_reference(page_url, href));
  }
  // IEEE stamp page: the PDF sits in an iframe.
  for (std::string_view frame : tags(html, lower_html, "iframe")) {
    std::string src = attribute(frame, "src");
    std::string s = lower(src);
    if (s.find("getpdf.jsp") != std::string::npos || s.find(".pdf") != std::string::npos)
      return http_only(resolve_reference(page_url, src));
  }
  return std::nullopt;
}

}  // namespace paper
