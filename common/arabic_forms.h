// Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE): what Unicode's compatibility
// normalisation (NFKC) makes of them, the letters they are shapes of. Some PDFs store Persian and
// Arabic text in these shapes; a reader types the letters.
#pragma once

#include <cstdint>

namespace paper {

// The letters (NFKC) of an Arabic presentation form, or nullptr for any other character.
const char32_t* arabic_presentation_letters(std::uint32_t cp);

}  // namespace paper
