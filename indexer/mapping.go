package indexer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"lextraite/analyzers"
	"lextraite/corpus"
)

// Languages are the ISO 639-1 codes that get their own analyzed fields.
var languages = []string{"fr", "en", "nl", "de", "it"}

// Field names of the bleve documents. Per-language fields are the base name
// + "_" + the language code (text_fr, heading_en, ...); only the fields of
// the document's own language are filled.
const (
	fType         = "type"         // keyword: "provision" or "document"
	fDocID        = "doc_id"       // keyword
	fAnchor       = "anchor"       // keyword: provision anchor ("art-4", "titre-3--art-4")
	fNumber       = "number"       // keyword: numberKey of the provision (or document) number
	fNumberText   = "number_text"  // the number as written, legal tokenizer + lower case
	fJurisdiction = "jurisdiction" // keyword, facet
	fKind         = "kind"         // keyword, facet
	fLanguage     = "language"     // keyword, facet
	fYear         = "year"         // keyword "2012", facet
	fCourt        = "court"        // keyword, the court of a decision, facet
	fDate         = "date"         // keyword "YYYY-MM-DD", sort
	fSource       = "source"       // stored only

	// Prefixes of the per-language fields.
	fText     = "text"      // provision text, or the preamble of a document entry
	fHeading  = "heading"   // provision heading
	fTitle    = "title"     // document entries: title, short titles, number
	fDocTitle = "doc_title" // provision entries: the document's title and short titles
	fDefines  = "defines"   // provision entries: the terms the provision defines

	// French exact (accent-keeping, unstemmed) fields.
	fTextExact  = "text_exact"
	fTitleExact = "title_exact"

	typeProvision = "provision"
	typeDocument  = "document"

	// numberAnalyzer is defined in the index mapping (not globally): the
	// legal tokenizer with lower casing and the identifier filter, so
	// "225-4-1" and "L. 622-1" stay one token each.
	numberAnalyzer = "lextraite_number"
	// prefixFoldAnalyzer and prefixExactAnalyzer are used at query time
	// only, to write a prefix (trafi*) as the folded and the exact fields
	// store terms.
	prefixFoldAnalyzer  = "lextraite_prefix_fold"
	prefixExactAnalyzer = "lextraite_prefix_exact"
)

// langField returns the per-language field name, e.g. langField("text", "fr")
// == "text_fr".
func langField(base, lang string) string { return base + "_" + lang }

// knownLanguage returns lang if it has its own fields, else "fr".
func knownLanguage(lang string) string {
	for _, l := range languages {
		if l == lang {
			return l
		}
	}
	return "fr"
}

// newMapping returns the index mapping: explicit fields only, nothing
// dynamic, no _all field.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	for name, cfg := range map[string]map[string]any{
		numberAnalyzer: {"tokenizer": analyzers.LegalTokenizer,
			"token_filters": []any{lowercase.Name, analyzers.Identifier}},
		prefixFoldAnalyzer: {"tokenizer": single.Name,
			"token_filters": []any{analyzers.Normalize, lowercase.Name, analyzers.Fold}},
		prefixExactAnalyzer: {"tokenizer": single.Name,
			"token_filters": []any{analyzers.Normalize, lowercase.Name}},
	} {
		cfg["type"] = custom.Name
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, err
		}
	}
	im.ScoringModel = index.BM25Scoring
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = analyzers.French

	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = true // locations, for phrases and snippets
		f.DocValues = false
		return f
	}

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fType, kw(false, false))
	dm.AddFieldMappingsAt(fDocID, kw(false, false))
	dm.AddFieldMappingsAt(fAnchor, kw(false, false))
	dm.AddFieldMappingsAt(fNumber, kw(false, false))
	dm.AddFieldMappingsAt(fNumberText, text(numberAnalyzer))
	for _, f := range []string{fJurisdiction, fKind, fLanguage, fYear, fDate, fCourt} {
		dm.AddFieldMappingsAt(f, kw(false, true))
	}
	src := kw(true, false)
	src.Index = false
	dm.AddFieldMappingsAt(fSource, src)
	for _, l := range languages {
		an := analyzers.ForLanguage(l)
		for _, base := range []string{fText, fHeading, fTitle, fDocTitle, fDefines} {
			dm.AddFieldMappingsAt(langField(base, l), text(an))
		}
	}
	dm.AddFieldMappingsAt(fTextExact, text(analyzers.FrenchExact))
	dm.AddFieldMappingsAt(fTitleExact, text(analyzers.FrenchExact))
	im.DefaultMapping = dm
	return im, im.Validate()
}

// letterPrefixed matches a number key whose leading letters were split from
// its digits by Slug ("l-622-1"), to join them back ("l622-1").
var letterPrefixed = regexp.MustCompile(`^([a-z]{1,3})-([0-9])`)

// numberKey normalises an article or document number for exact lookup, so
// that the forms a user types and the forms in the texts meet:
// "225-4-1" → "225-4-1", "L. 622-1" and "L622-1" → "l622-1", "279.01" →
// "279-01", "premier" → "1", "3 bis" and "3bis" → "3bis".
func numberKey(number string) string {
	k := corpus.Slug(corpus.NormalizeNumber(number))
	k = latinSuffix.ReplaceAllString(k, "$1$2")
	return letterPrefixed.ReplaceAllString(k, "$1$2")
}

// latinSuffix matches a multiplicative suffix that Slug set apart ("3-bis")
// to join it to its number as the Swiss write it ("305bis"), so that "3
// bis", "3bis" and "3-bis" are one key.
var latinSuffix = regexp.MustCompile(`([0-9][a-z]?)-(bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)\b`)

// numberKeys returns the lookup keys of a document number: the whole
// number and, when it carries a register prefix ("RS 0.311.542", "SR …",
// "L.R.C. 1985, ch. C-46"), each identifier in it, so that "0.311.542"
// finds "RS 0.311.542".
func numberKeys(number string) []string {
	keys := []string{numberKey(number)}
	for _, f := range strings.FieldsFunc(number, func(r rune) bool { return r == ' ' || r == ',' || r == '\u00a0' }) {
		if strings.ContainsAny(f, "0123456789") {
			if k := numberKey(f); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// Definition patterns: the term a provision defines, in the ways the
// texts of the corpus write it ("l’expression «traite des personnes»
// désigne", "La traite des êtres humains est le fait de", "Constitue un
// acte de traite des personnes le recrutement", "“Trafficking in persons”
// shall mean", „mensenhandel”:, «Menschenhandel» die, «tratta di persone»
// indica).
var definitionRes = []*regexp.Regexp{
	regexp.MustCompile("(?:[«\"“„‘]|``)\\s*([^«»\"“”„‘’`\\n]{3,80}?)\\s*[»\"”’]\\s*(?:désigne|s['’]entend|signifie|shall mean|means|indica|bezeichnet|:)"),
	regexp.MustCompile(`(?i:l['’]expression|the term|the expression|der Ausdruck|l['’]espressione|de uitdrukking|le terme)\s*[«"“„‘]\s*([^«»"“”„‘’\n]{3,80}?)\s*[»"”’]`),
	regexp.MustCompile(`(?m)^\s*(?:[IVX]+\s*\.\s*-\s*)?(?:La |Le |Les |L['’])([^,.;:\n]{3,80}?)\s+(?:est|sont|s['’]entend(?:ent)?)\s+(?:le fait|l['’]état|la condition|l['’]acte|toute?)\b`),
	regexp.MustCompile(`(?i:constitue(?:nt)?)\s+(?:également\s+|aussi\s+)?(?:un acte|une infraction)\s+de\s+(.{3,60}?)\s+(?:le|la|les|l['’]|toute?|le fait)\b`),
	regexp.MustCompile(`(?m)(?:^|\d[.º°]\s*|:\s*)([A-Z][A-Za-z ]{2,60}?)\s+(?:is|are)\s+the\s+(?:status|condition|act)\b`),
	regexp.MustCompile(`(?m)(?:^|\d[.º°]\s*|:\s*)(?:L['’]|La |Le )([^,.;:\n]{3,60}?)\s+est\s+l['’](?:état|acte)\b`),
}

// definedTerms returns the terms a provision defines, found in its text
// by definitionRes (the heading is not used: it has its own field).
func definedTerms(text string) []string {
	var out []string
	add := func(t string) {
		t = strings.TrimSpace(t)
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(text) > 20000 {
		text = text[:20000]
	}
	lower := strings.ToLower(text)
	for i, re := range definitionRes {
		if !mayDefine(i, text, lower) {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(text, 20) {
			add(m[1])
		}
	}
	return out
}

// mayDefine is a cheap necessary condition for definitionRes[i] to match
// text (lower is text in lower case): the regular expressions cost a third
// of the indexing time when run on every provision, and few provisions
// define anything.
func mayDefine(i int, text, lower string) bool {
	has := strings.Contains
	switch i {
	case 0: // a closing quote, then spaces, then a defining verb or a colon
		for j := 0; j < len(text); {
			k := strings.IndexAny(text[j:], "»\"”’")
			if k < 0 {
				return false
			}
			_, size := utf8.DecodeRuneInString(text[j+k:])
			j += k + size
			rest := strings.TrimLeftFunc(text[j:], unicode.IsSpace)
			for _, v := range []string{"désigne", "s'entend", "s’entend", "signifie", "shall mean", "means", "indica", "bezeichnet", ":"} {
				if strings.HasPrefix(rest, v) {
					return true
				}
			}
		}
		return false
	case 1:
		return has(lower, "expression") || has(lower, "the term") || has(lower, "ausdruck") ||
			has(lower, "espressione") || has(lower, "uitdrukking") || has(lower, "le terme")
	case 2:
		return (has(text, "est") || has(text, "sont") || has(text, "entend")) &&
			(has(text, "le fait") || has(text, "état") || has(text, "la condition") || has(text, "acte") || has(text, "tout"))
	case 3:
		return has(lower, "constitue")
	case 4:
		return has(text, "the") && (has(text, "status") || has(text, "condition") || has(text, "act"))
	case 5:
		return has(text, "est") && (has(text, "état") || has(text, "acte"))
	}
	return true
}

// year returns the year of an ISO date ("2012-07-12" → "2012"), "" if none.
func year(date string) string {
	if len(date) >= 4 {
		y := date[:4]
		for _, c := range y {
			if c < '0' || c > '9' {
				return ""
			}
		}
		return y
	}
	return ""
}

// provisionFields is the bleve document of one provision.
func provisionFields(d *corpus.Document, p *corpus.Provision) map[string]any {
	lang := knownLanguage(firstNonEmpty(p.Language, d.Language))
	m := commonFields(d, typeProvision)
	m[fAnchor] = p.Anchor
	if k := numberKey(p.Number); k != "" {
		m[fNumber] = k
		m[fNumberText] = p.Number
	}
	if def := definedTerms(p.Text); len(def) > 0 {
		m[langField(fDefines, lang)] = def
	}
	m[fSource] = firstNonEmpty(p.Source, d.Source)
	text := indexedText(p.Text)
	m[langField(fText, lang)] = text
	if p.Heading != "" {
		m[langField(fHeading, lang)] = p.Heading
	}
	m[langField(fDocTitle, lang)] = docTitles(d)
	if lang == "fr" {
		m[fTextExact] = text
		if p.Heading != "" {
			m[fTitleExact] = p.Heading
		}
	}
	return m
}

// documentFields is the bleve document of a document as a whole: its titles
// and the text before its first provision.
func documentFields(d *corpus.Document) map[string]any {
	lang := knownLanguage(d.Language)
	m := commonFields(d, typeDocument)
	m[fSource] = d.Source
	if d.Number != "" {
		m[fNumber] = numberKeys(d.Number)
		m[fNumberText] = d.Number
	}
	titles := docTitles(d)
	m[langField(fTitle, lang)] = titles
	if d.Preamble != "" {
		m[langField(fText, lang)] = indexedText(d.Preamble)
	}
	if lang == "fr" {
		m[fTitleExact] = titles
		if d.Preamble != "" {
			m[fTextExact] = indexedText(d.Preamble)
		}
	}
	return m
}

func commonFields(d *corpus.Document, typ string) map[string]any {
	m := map[string]any{
		fType:         typ,
		fDocID:        d.ID,
		fJurisdiction: d.Jurisdiction,
		fKind:         d.Kind,
		fLanguage:     d.Language,
	}
	if d.Date != "" {
		m[fDate] = d.Date
	}
	if y := year(d.Date); y != "" {
		m[fYear] = y
	}
	if d.Decision != nil && d.Decision.Court != "" {
		m[fCourt] = d.Decision.Court
	}
	return m
}

func docTitles(d *corpus.Document) []string {
	t := make([]string, 0, 1+len(d.ShortTitles))
	if d.Title != "" {
		t = append(t, d.Title)
	}
	return append(t, d.ShortTitles...)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// maxIndexedText bounds the text indexed for one provision or preamble, in
// bytes. Articles of law are a few kilobytes and whole decisions a few
// hundred; a damaged file holding one 20 MB "article" would otherwise make
// every search that matches it read millions of term positions (memory
// and time for all users). The whole text is still stored and shown.
const maxIndexedText = 1 << 20

// indexedText returns the part of s that is indexed: at most
// maxIndexedText bytes, cut at a rune boundary.
func indexedText(s string) string {
	if len(s) <= maxIndexedText {
		return s
	}
	cut := maxIndexedText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
