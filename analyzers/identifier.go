package analyzers

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Identifier is the registry name of IdentifierFilter.
const Identifier = "lextraite_identifier"

// IdentifierFilter writes the code-article identifiers "L.622-1",
// "L. 622-4", "R.225-4" as "l622-1", "l622-4", "r225-4" (the form of the
// provision anchors, "art-l622-1"), so that every spelling finds the
// others. It changes KeyWord tokens only: a single ASCII letter, a dot, an
// optional space (U+0020, U+00A0, U+202F), then a digit.
// It runs after lowercasing and never writes into the input.
type IdentifierFilter struct{}

// NewIdentifierFilter returns an IdentifierFilter.
func NewIdentifierFilter() *IdentifierFilter { return &IdentifierFilter{} }

// Filter implements analysis.TokenFilter.
func (f *IdentifierFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		t := tok.Term
		if !tok.KeyWord || len(t) < 3 || !isASCIILetter(t[0]) || t[1] != '.' {
			continue
		}
		rest := t[2:]
		for _, sp := range []string{" ", "\u00a0", "\u202f"} {
			if len(rest) > len(sp) && string(rest[:len(sp)]) == sp {
				rest = rest[len(sp):]
				break
			}
		}
		if '0' <= rest[0] && rest[0] <= '9' {
			out := make([]byte, 0, 1+len(rest))
			tok.Term = append(append(out, t[0]), rest...)
		}
	}
	return input
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func init() {
	mustRegisterFilter(Identifier, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NewIdentifierFilter(), nil
	})
}
