// Package analyzers registers lextraite's text analysis with bleve's
// registry: a French analyzer for legal text, an exact (accent-keeping)
// French analyzer, and English, Dutch, German and Italian analyzers.
// The indexing and the serving code must both import this package so that
// the names below resolve (STYLE.md, point 2).
package analyzers

// Names under which the analyzers are registered with bleve.
const (
	// French folds case, accents and ligatures, removes elisions and stop
	// words, keeps legal identifiers whole and applies light stemming.
	French = "fr_legal"
	// FrenchExact keeps accents, does not stem; case is folded.
	FrenchExact = "fr_exact"
	// English, Dutch, German and Italian are the per-language analyzers.
	English = "en_legal"
	Dutch   = "nl_legal"
	German  = "de_legal"
	Italian = "it_legal"
)

// ForLanguage returns the analyzer name for an ISO 639-1 code, French for
// unknown codes.
func ForLanguage(lang string) string {
	switch lang {
	case "en":
		return English
	case "nl":
		return Dutch
	case "de":
		return German
	case "it":
		return Italian
	}
	return French
}
