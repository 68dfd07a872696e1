package analyzers

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Fold is the registry name of FoldFilter.
const Fold = "lextraite_fold"

// FoldFilter removes the diacritics of Latin letters: é è ê ë → e,
// à â ä → a, î ï → i, ô ö → o, û ü ù → u, ç → c, ñ → n, and so on for
// every Latin letter (U+00C0–U+024F, U+1E00–U+1EFF) that Unicode
// decomposes into an ASCII letter and combining marks; also ß → ss,
// ø → o, đ → d, ł → l, œ → oe, æ → ae. Other scripts are left alone (it
// would be wrong to fold Cyrillic й to и).
//
// Tokens marked KeyWord (legal identifiers) are not folded. It runs after
// lowercasing and NormalizeFilter, and never writes into the input.
type FoldFilter struct{}

// NewFoldFilter returns a FoldFilter.
func NewFoldFilter() *FoldFilter { return &FoldFilter{} }

// foldTable maps the runes of Latin-1 Supplement, Latin Extended-A and B
// (U+00C0–U+024F) and foldExtra those of Latin Extended Additional
// (U+1E00–U+1EFF, "ẽ", "ṣ") to their folded form, "" when the rune is kept.
var (
	foldTable = foldRange(0xC0, 0x250)
	foldExtra = foldRange(0x1E00, 0x1F00)
)

// foldRange builds the folding table of the runes lo..hi-1.
func foldRange(lo, hi rune) []string {
	t := make([]string, hi-lo)
	for r := lo; r < hi; r++ {
		d := norm.NFD.String(string(r))
		if d == string(r) || d[0] >= utf8.RuneSelf {
			continue
		}
		t[r-lo] = d[:1] // an ASCII letter followed by combining marks
	}
	for r, s := range map[rune]string{
		'ß': "ss", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D", 'ł': "l", 'Ł': "L",
		'œ': "oe", 'Œ': "OE", 'æ': "ae", 'Æ': "AE", 'ı': "i", 'ẞ': "SS",
	} {
		if lo <= r && r < hi {
			t[r-lo] = s
		}
	}
	return t
}

// fold returns the folded form of r, or "" to keep r.
func fold(r rune) string {
	switch {
	case 0xC0 <= r && r < 0x250:
		return foldTable[r-0xC0]
	case 0x1E00 <= r && r < 0x1F00:
		return foldExtra[r-0x1E00]
	}
	return ""
}

// Filter implements analysis.TokenFilter.
func (f *FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord || isASCII(tok.Term) {
			continue
		}
		tok.Term = replaceRunes(tok.Term, fold)
	}
	return input
}

func init() {
	mustRegisterFilter(Fold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NewFoldFilter(), nil
	})
}
