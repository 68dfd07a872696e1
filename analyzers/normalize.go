package analyzers

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Normalize is the registry name of NormalizeFilter.
const Normalize = "lextraite_normalize"

// NormalizeFilter applies Unicode NFKC to each term ("ﬁ" U+FB01 → "fi",
// "ᵉʳ" → "er", a decomposed "é" → "é"), then expands the ligatures
// œ → oe, Œ → OE, æ → ae, Æ → AE (which NFKC keeps, being letters of their
// own) and writes every apostrophe (’ U+2019, ʼ U+02BC, ‘ U+2018) as ' so
// that "aujourd’hui" and "aujourd'hui" are one term.
//
// It is a token filter, not a char filter: terms change, Start and End
// keep pointing at the original text. It never writes into the input.
type NormalizeFilter struct{}

// NewNormalizeFilter returns a NormalizeFilter.
func NewNormalizeFilter() *NormalizeFilter { return &NormalizeFilter{} }

// Filter implements analysis.TokenFilter.
func (f *NormalizeFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if isASCII(tok.Term) {
			continue
		}
		term := norm.NFKC.Bytes(tok.Term)
		tok.Term = replaceRunes(term, ligature)
	}
	return input
}

// ligature returns the replacement of a ligature or apostrophe rune, or ""
// to keep r.
func ligature(r rune) string {
	switch r {
	case 'œ':
		return "oe"
	case 'Œ':
		return "OE"
	case 'æ':
		return "ae"
	case 'Æ':
		return "AE"
	case '’', 'ʼ', '‘':
		return "'"
	}
	return ""
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// replaceRunes returns b with each rune r for which repl(r) != "" replaced
// by repl(r). It returns b itself when nothing changes and never writes
// into b.
func replaceRunes(b []byte, repl func(rune) string) []byte {
	var out []byte
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if out != nil {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if s := repl(r); s != "" {
			if out == nil {
				out = make([]byte, i, len(b)+4)
				copy(out, b[:i])
			}
			out = append(out, s...)
		} else if out != nil {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}

func init() {
	mustRegisterFilter(Normalize, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NewNormalizeFilter(), nil
	})
}
