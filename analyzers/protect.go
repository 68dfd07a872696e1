package analyzers

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// ProtectFrench is the registry name of the French protected-words filter.
const ProtectFrench = "lextraite_protect_fr"

// frenchProtected maps folded French words that the light stemmer would
// merge with words of another meaning to the term they are indexed under.
// "traite" (trafficking) and its plural and feminine forms stay "traite"
// instead of becoming "trait", the stem of "traitement", "traiter",
// "traitant" (treatment, to process): a search for "traite" must not
// drown in "traitement". "traité" (treaty) folds to "traite" too; the
// exact field (fr_exact) keeps the two apart.
var frenchProtected = map[string]string{
	"traite": "traite", "traites": "traite", "traitee": "traite", "traitees": "traite",
}

// ProtectFilter writes the words of a table as their fixed term and marks
// them KeyWord so that the stemmer leaves them alone. It runs after
// folding, on lower-case folded terms.
type ProtectFilter struct {
	words map[string]string
}

// NewProtectFilter returns a ProtectFilter for the given table.
func NewProtectFilter(words map[string]string) *ProtectFilter { return &ProtectFilter{words: words} }

// Filter implements analysis.TokenFilter.
func (f *ProtectFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord {
			continue
		}
		if w, ok := f.words[string(tok.Term)]; ok {
			tok.Term = []byte(w)
			tok.KeyWord = true
		}
	}
	return input
}

func init() {
	mustRegisterFilter(ProtectFrench, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NewProtectFilter(frenchProtected), nil
	})
}
