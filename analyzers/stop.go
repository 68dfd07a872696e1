package analyzers

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/registry"
)

// StopFrench is the registry name of the French legal stop filter.
const StopFrench = "lextraite_stop_fr"

// keptFrenchStopWords are the words of bleve's French stop list ("stop_fr",
// the Snowball list via Lucene) that carry legal meaning and are therefore
// indexed: "sans" (sans consentement) and its counterpart "avec" (avec
// violence), and the negation "ne" … "pas". The other words the issue
// lists — contre, entre, non, ni, hors, sauf, avant, après, pendant, sous —
// are not in that list, so they are indexed too. "sur", "par", "pour" and
// "dans" stay stop words: alone they do not change what a provision is
// about, and phrase queries keep their position.
var keptFrenchStopWords = []string{"sans", "avec", "ne", "pas"}

// frenchStopMap returns bleve's French stop list minus keptFrenchStopWords,
// each word also in its accent-folded form ("été" and "ete", "à" and "a"),
// since the stop filter runs before folding and a query may be typed
// without accents.
func frenchStopMap() (analysis.TokenMap, error) {
	base := analysis.NewTokenMap()
	if err := base.LoadBytes(fr.FrenchStopWords); err != nil {
		return nil, fmt.Errorf("analyzers: French stop words: %w", err)
	}
	for _, w := range keptFrenchStopWords {
		delete(base, w)
	}
	m := analysis.NewTokenMap()
	for w := range base {
		m.AddToken(w)
		m.AddToken(string(replaceRunes([]byte(w), fold)))
	}
	return m, nil
}

func init() {
	mustRegisterFilter(StopFrench, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		m, err := frenchStopMap()
		if err != nil {
			return nil, err
		}
		return stop.NewStopTokensFilter(m), nil
	})
}
