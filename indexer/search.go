package indexer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"lextraite/analyzers"
	"lextraite/corpus"
)

// Search limits.
const (
	// SearchTimeout bounds every search, whatever the caller's context.
	SearchTimeout = 2 * time.Second
	// MaxLimit is the largest page size; MaxOffset the deepest page start.
	MaxLimit  = 100
	MaxOffset = 10000
	// defaultLimit is the page size when Request.Limit is 0.
	defaultLimit = 10
	// suggestBelow: a query with fewer hits gets a "vouliez-vous dire".
	suggestBelow = 3
)

// Boosts of the fields a word is looked up in. The exact (accent-keeping)
// field adds to the folded one, so that "traite" ranks "traite" above
// "traité" and the reverse; titles weigh more than text; the document's
// title on provisions weighs little (it lets "code pénal 499" find the
// article) so that the document hit comes first for a title query.
const (
	boostText       = 1.0
	boostTextExact  = 1.5
	boostHeading    = 1.5
	boostTitle      = 3.0
	boostTitleExact = 4.0
	boostDocTitle   = 0.3
	// boostOtherLanguage scales the fields of languages other than
	// French: a French hit comes first at equal match.
	boostOtherLanguage = 0.6
	boostEnglish       = 0.8
	// boostDefinesWord: a word among the terms a provision defines;
	// boostDefines: the whole query as a defined term ("traite des
	// personnes" → the article that defines it); boostHeadingPhrase: the
	// whole query in a heading.
	boostDefinesWord   = 1.0
	boostDefines       = 6.0
	boostHeadingPhrase = 2.0
	// boostSynonym and boostTranslation weigh the glossary's other
	// expressions of a concept found in the query: synonyms in the same
	// language, translations below.
	boostSynonym = 0.8
	// softAndFrom: from this many words on, a hit may lack one.
	softAndFrom      = 4
	boostTranslation = 0.03
	// An exact article number is worth more than any text match:
	// "225-4-1" must give article 225-4-1 first, before the articles that
	// cite it.
	boostNumber     = 20.0
	boostNumberText = 3.0
	// boostNumberPrefix: "225-4" for 225-4-1 … 225-4-9.
	boostNumberPrefix = 5.0
	// boostAnchor: the provision anchored art-{number}, over the
	// same-numbered provisions of a nested protocol.
	boostAnchor = 2.0
	// boostProximity rewards the query's words found as a phrase.
	boostProximity = 2.0
)

// defaultSynonyms is the glossary and the catalog's names, analyzed once
// (the analyzers are the registry's, the same for every index).
var defaultSynonyms = sync.OnceValue(func() *synonyms {
	cache := registry.NewCache()
	return newSynonyms(func(name, s string) []string {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			return nil
		}
		var out []string
		for _, t := range a.Analyze([]byte(s)) {
			out = append(out, string(t.Term))
		}
		return out
	})
})

// facetFields maps the facet keys of Response.Facets to index fields.
var facetFields = []struct{ key, field string }{
	{"juridiction", fJurisdiction},
	{"type", fKind},
	{"annee", fYear},
	{"langue", fLanguage},
	{"cour", fCourt},
}

// Search runs r against the index. Errors wrap ErrBadQuery for a query or
// paging the user must fix (French message), or context.DeadlineExceeded
// when the search took longer than SearchTimeout.
func (ix *Index) Search(ctx context.Context, r Request) (*Response, error) {
	start := time.Now()
	limit, offset := r.Limit, r.Offset
	switch {
	case limit == 0:
		limit = defaultLimit
	case limit < 0:
		return nil, badQuery("nombre de résultats par page invalide (%d)", limit)
	case limit > MaxLimit:
		limit = MaxLimit
	}
	if offset < 0 || offset > MaxOffset {
		return nil, badQuery("page hors limites (au plus %d résultats parcourus)", MaxOffset)
	}
	if r.Sort != "" && r.Sort != "date" && r.Sort != "pertinence" {
		return nil, badQuery("tri inconnu « %s » : pertinence ou date", r.Sort)
	}
	pq, err := parseQuery(r.Query)
	if err != nil {
		return nil, err
	}
	f := pq.filters
	f.jurisdiction = merge(f.jurisdiction, lower(r.Jurisdiction))
	f.language = merge(f.language, lower(r.Language))
	f.year = merge(f.year, r.Year)
	f.court = merge(f.court, r.Court)
	for _, k := range r.Kind {
		if code, ok := corpus.KindOf(k); ok {
			k = code
		}
		f.kind = appendNew(f.kind, k)
	}

	// A word the index does not know at all is a typo: search for the
	// corrected query ("esclavge" → "esclavage") and say so.
	corrected := ""
	if c := ix.correction(pq); c != "" {
		if cpq, err := parseQuery(c); err == nil {
			corrected, pq = c, cpq
		}
	}
	q, typo := ix.buildQuery(pq, f)
	req := bleve.NewSearchRequestOptions(q, limit, offset, false)
	req.IncludeLocations = true
	if r.Facets {
		for _, fc := range facetFields {
			req.AddFacet(fc.key, bleve.NewFacetRequest(fc.field, 200))
		}
	}
	if r.Sort == "date" {
		req.SortBy([]string{"-" + fDate, "-_score", "_id"})
	}

	ctx, cancel := context.WithTimeout(ctx, SearchTimeout)
	defer cancel()
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("indexer: recherche interrompue: %w", ctx.Err())
		}
		return nil, fmt.Errorf("indexer: recherche: %w", err)
	}

	resp := &Response{
		Query:  r.Query,
		Total:  res.Total,
		Hits:   make([]Hit, 0, len(res.Hits)),
		Facets: make(map[string][]FacetCount, len(facetFields)),
	}
	for _, dm := range res.Hits {
		if h, ok := ix.hit(dm); ok {
			resp.Hits = append(resp.Hits, h)
		}
	}
	for _, fc := range facetFields {
		if !r.Facets {
			break
		}
		fr := res.Facets[fc.key]
		counts := []FacetCount{}
		if fr != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		resp.Facets[fc.key] = counts
	}
	switch {
	case corrected != "":
		resp.Suggestion = corrected
	case (res.Total < suggestBelow || typo) && ctx.Err() == nil:
		resp.Suggestion = ix.suggest(pq)
	}
	resp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return resp, nil
}

func lower(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToLower(strings.TrimSpace(v))
	}
	return out
}

// buildQuery turns a parsed query and the filters into a bleve query:
// a boolean query whose must clauses are the required groups and the
// filters, and whose should clauses rank (optional words, the query's
// words as a phrase, in a heading or in a definition).
//
// typo reports that a word of the query is in no field of the index and
// was looked up approximately: the response then suggests a correction.
func (ix *Index) buildQuery(pq *parsedQuery, f filters) (q query.Query, typo bool) {
	langs := ix.langs
	if len(f.language) > 0 {
		langs = slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return !slices.Contains(f.language, l) })
	}
	qc := ix.newQueryContext(langs)
	defer qc.close()
	defer func() { typo = len(qc.unknown) > 0 }()

	var must, should, mustNot, words []query.Query
	positive, dropped, optional := 0, 0, 0
	syn := qc.synonymClauses(pq)
	for gi, g := range pq.groups {
		if _, ok := syn[gi]; ok {
			positive++
			continue
		}
		var alts []query.Query
		for _, t := range g.terms {
			if tq := qc.termQuery(t); tq != nil {
				alts = append(alts, tq)
			}
		}
		opt := !g.not && len(g.terms) == 1 && g.terms[0].optional
		switch {
		case opt:
			optional++
		case !g.not:
			positive++
		}
		if len(alts) == 0 {
			if !g.not && !opt {
				dropped++ // only stop words
			}
			continue
		}
		var clause query.Query = alts[0]
		if len(alts) > 1 {
			clause = query.NewDisjunctionQuery(alts)
		}
		switch {
		case g.not:
			mustNot = append(mustNot, clause)
		case opt:
			should = append(should, clause)
		case len(g.terms) == 1 && g.terms[0].kind == termWord && !g.required:
			words = append(words, clause)
		default:
			must = append(must, clause)
		}
	}
	for gi, c := range syn {
		if c != nil && !pq.groups[gi].not {
			words = append(words, c)
		}
	}
	switch {
	case len(words) >= softAndFrom:
		// Long queries: every word but one. A magistrate's words are
		// not always the text's ("victime" where the article says
		// "étranger qui dépose plainte"); all of them rank first.
		d := query.NewDisjunctionQuery(words)
		d.SetMin(float64(len(words) - 1))
		must = append(must, d)
	default:
		must = append(must, words...)
	}
	if positive > 0 && positive == dropped && len(should) == 0 {
		// Nothing left to look for ("de la"): no hits rather than all.
		return query.NewMatchNoneQuery(), false
	}
	if positive == dropped && len(should) > 0 {
		// Only optional words ("définition"): they are what is looked for.
		must = append(must, query.NewDisjunctionQuery(should))
		should = nil
	}
	for _, fl := range []struct {
		field  string
		values []string
	}{{fJurisdiction, f.jurisdiction}, {fKind, f.kind}, {fYear, f.year}, {fLanguage, f.language}, {fCourt, f.court}} {
		if len(fl.values) == 0 {
			continue
		}
		var alts []query.Query
		for _, v := range fl.values {
			tq := query.NewTermQuery(v)
			tq.SetField(fl.field)
			tq.SetBoost(0.001) // a filter, not a relevance signal
			alts = append(alts, tq)
		}
		if len(alts) == 1 {
			must = append(must, alts[0])
		} else {
			must = append(must, query.NewDisjunctionQuery(alts))
		}
	}
	if len(must) == 0 {
		must = append(must, query.NewMatchAllQuery())
	}
	if pq := qc.proximityQuery(pq); pq != nil {
		should = append(should, pq)
	}
	bq := query.NewBooleanQuery(must, nil, mustNot)
	if len(should) > 0 {
		bq.AddShould(should...)
		bq.SetMinShould(0)
	}
	return bq, false
}

// queryContext holds what building one query needs: the languages
// searched and an index reader to see which words the index knows.
type queryContext struct {
	ix     *Index
	langs  []string
	reader index.IndexReader // nil when unavailable: no typo fallback
	syn    *synonyms
	// unknown lists the query words found in no field (typos).
	unknown []string
	// terms memoises termsOf: the glossary lookups analyse each query
	// word once per glossary phrase otherwise.
	terms map[[2]string][]string
}

func (ix *Index) newQueryContext(langs []string) *queryContext {
	qc := &queryContext{ix: ix, langs: langs, syn: defaultSynonyms()}
	if adv, err := ix.bleve.Advanced(); err == nil {
		if r, err := adv.Reader(); err == nil {
			qc.reader = r
		}
	}
	return qc
}

func (qc *queryContext) close() {
	if qc.reader != nil {
		qc.reader.Close()
	}
}

// langBoost weighs the fields of a language: French first (the users'
// language), the other languages a little below at equal match.
func langBoost(l string) float64 {
	switch l {
	case "fr":
		return 1
	case "en":
		return boostEnglish
	}
	return boostOtherLanguage
}

// translationTargets are the languages a glossary expression of lang is
// translated into: a French query also looks in English (the language of
// the instruments the corpus lacks in French), a query in another
// language also looks in French and English. Dutch, German and Italian
// texts are found by their own words only.
func translationTargets(lang string) []string {
	switch lang {
	case "fr":
		return []string{"en"}
	case "en":
		return []string{"fr"}
	}
	return []string{"fr", "en"}
}

// synonymClauses finds glossary and catalog expressions among the plain
// required words of the query and returns, keyed by group index, the
// clause replacing the groups of each expression: the words as typed, or
// the expression's synonyms (boostSynonym) or translations
// (boostTranslation) as phrases. The first group of an expression gets the
// clause, the others nil.
func (qc *queryContext) synonymClauses(pq *parsedQuery) map[int]query.Query {
	out := map[int]query.Query{}
	// Runs of consecutive plain word groups.
	var run []int
	flush := func() {
		defer func() { run = run[:0] }()
		if len(run) == 0 {
			return
		}
		words := make([]string, len(run))
		for i, gi := range run {
			words[i] = pq.groups[gi].terms[0].text
		}
		for _, m := range qc.syn.find(words, qc.termsOf) {
			var own []query.Query
			for _, gi := range run[m.from:m.to] {
				if tq := qc.termQuery(pq.groups[gi].terms[0]); tq != nil {
					own = append(own, tq)
				}
			}
			if len(own) == 0 {
				continue
			}
			alts := []query.Query{query.NewConjunctionQuery(own)}
			seen := map[string]bool{}
			for _, p := range m.concept.phrases {
				if !slices.Contains(qc.langs, p.lang) ||
					p.lang != m.lang && (m.concept.names || !slices.Contains(translationTargets(m.lang), p.lang)) {
					continue
				}
				// Variants the analyzer makes the same phrase of
				// ("traite des personnes", "traite de personnes")
				// are looked for once.
				if k := qc.ix.phraseKey(analyzers.ForLanguage(p.lang), p.text); seen[k] {
					continue
				} else {
					seen[k] = true
				}
				// Bleve applies boosts to leaf queries only: the weight
				// of a synonym or a translation goes down to its fields.
				w := boostSynonym
				if p.lang != m.lang {
					w = boostTranslation
				}
				if pq := qc.phraseAlt(p.text, p.lang, m.concept.names, w); pq != nil {
					alts = append(alts, pq)
				}
			}
			out[run[m.from]] = query.NewDisjunctionQuery(alts)
			for _, gi := range run[m.from+1 : m.to] {
				out[gi] = nil
			}
		}
	}
	for gi, g := range pq.groups {
		if !g.not && len(g.terms) == 1 && !g.terms[0].optional && (g.terms[0].kind == termWord ||
			g.terms[0].kind == termArticle && integerRe.MatchString(g.terms[0].text)) {
			run = append(run, gi)
			continue
		}
		flush()
	}
	flush()
	return out
}

// termsOf returns the terms the analyzer of lang makes of a word.
func (qc *queryContext) termsOf(lang, w string) []string {
	an := analyzers.ForLanguage(lang)
	key := [2]string{an, w}
	if out, ok := qc.terms[key]; ok {
		return out
	}
	a := qc.ix.analyzer(an)
	if a == nil {
		return nil
	}
	var out []string
	for _, t := range a.Analyze([]byte(w)) {
		out = append(out, string(t.Term))
	}
	if qc.terms == nil {
		qc.terms = map[[2]string][]string{}
	}
	qc.terms[key] = out
	return out
}

// phraseAlt looks an expression up as a phrase in the fields of its
// language: text, heading, titles and defined terms.
//
// Names of instruments (titlesOnly) are looked up in the titles only: in a
// text they cite the instrument, they are not about it.
func (qc *queryContext) phraseAlt(p, lang string, titlesOnly bool, weight float64) query.Query {
	an := analyzers.ForLanguage(lang)
	if !qc.ix.hasTokens(an, p) {
		return nil
	}
	var alts []query.Query
	for _, fb := range []struct {
		base  string
		boost float64
	}{{fText, boostText}, {fHeading, boostHeading}, {fTitle, boostTitle}, {fDocTitle, boostDocTitle}, {fDefines, boostDefines}} {
		if titlesOnly && fb.base != fTitle && fb.base != fDocTitle {
			continue
		}
		if fb.base == fDocTitle {
			// The provisions of the documents whose title has the
			// phrase, by doc_id: a phrase on doc_title_*, which every
			// provision carries, would read the positions of all of
			// them.
			if dq := qc.ix.titledQuery(p, lang, an, fb.boost*langBoost(lang)*weight); dq != nil {
				alts = append(alts, dq)
			}
			continue
		}
		mq := query.NewMatchPhraseQuery(p)
		mq.SetField(langField(fb.base, lang))
		mq.Analyzer = an
		mq.SetBoost(fb.boost * langBoost(lang) * weight)
		alts = append(alts, mq)
	}
	return orQuery(alts)
}

// phraseKey is what a match_phrase of s looks for once analysed by the
// analyzer named an: its terms with their relative positions (a removed
// stop word leaves a gap).
func (ix *Index) phraseKey(an, s string) string {
	a := ix.analyzer(an)
	if a == nil {
		return an + "\x00" + s
	}
	var b strings.Builder
	b.WriteString(an)
	first := -1
	for _, t := range a.Analyze([]byte(s)) {
		if first < 0 {
			first = t.Position
		}
		fmt.Fprintf(&b, "\x00%d\x01%s", t.Position-first, t.Term)
	}
	return b.String()
}

// maxTitled bounds the documents an instrument's name may stand for in a
// query (the language versions and copies of one instrument).
const maxTitled = 200

// titledQuery matches the entries of the documents whose title (or short
// title) contains the phrase p, as analysed by an in the title field of
// lang: the same documents as a match_phrase on doc_title_{lang}, found
// once among the document entries and then matched by doc_id. The
// documents of each phrase are memoised for the life of the index. nil
// when no document has that title.
func (ix *Index) titledQuery(p, lang, an string, boost float64) query.Query {
	key := lang + "\x00" + p
	v, ok := ix.titled.Load(key)
	if !ok {
		mq := query.NewMatchPhraseQuery(p)
		mq.SetField(langField(fTitle, lang))
		mq.Analyzer = an
		tq := query.NewTermQuery(typeDocument)
		tq.SetField(fType)
		req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{mq, tq}), maxTitled, 0, false)
		req.SortBy([]string{"_id"})
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil // not memoised: tried again next time
		}
		ids := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		v, _ = ix.titled.LoadOrStore(key, ids)
	}
	ids := v.([]string)
	if len(ids) == 0 {
		return nil
	}
	alts := make([]query.Query, len(ids))
	for i, id := range ids {
		tq := query.NewTermQuery(id)
		tq.SetField(fDocID)
		tq.SetBoost(boost)
		alts[i] = tq
	}
	return orQuery(alts)
}

// proximityQuery is an optional clause rewarding hits where the plain
// words of the query appear as typed, in order ("traite des personnes"
// written without quotes): a phrase on the French exact fields and on the
// analyzed fields of each language, and above all in a heading or among
// the terms a provision defines. nil when the query has no plain word.
func (qc *queryContext) proximityQuery(pq *parsedQuery) query.Query {
	var words []string
	for _, g := range pq.groups {
		if !g.not && len(g.terms) == 1 && g.terms[0].kind == termWord && !g.terms[0].optional {
			words = append(words, g.terms[0].text)
		}
	}
	if len(words) == 0 {
		return nil
	}
	p := strings.Join(words, " ")
	var alts []query.Query
	add := func(field, analyzer string, boost float64) {
		if !qc.ix.hasTokens(analyzer, p) {
			return
		}
		mq := query.NewMatchPhraseQuery(p)
		mq.SetField(field)
		mq.Analyzer = analyzer
		mq.SetBoost(boost)
		alts = append(alts, mq)
	}
	exactFR := slices.Contains(qc.langs, "fr") && len(words) > 1
	if exactFR {
		add(fTitleExact, analyzers.FrenchExact, boostProximity)
	}
	for _, l := range qc.langs {
		an := analyzers.ForLanguage(l)
		if len(words) > 1 {
			add(langField(fText, l), an, boostProximity*langBoost(l)*frPhraseBoost(l, exactFR))
		}
		add(langField(fHeading, l), an, boostHeadingPhrase*langBoost(l))
		add(langField(fDefines, l), an, boostDefines*langBoost(l))
	}
	return orQuery(alts)
}

// termQuery is the query for one term, nil when it has nothing to look for
// (a stop word).
func (qc *queryContext) termQuery(t term) query.Query {
	ix, langs := qc.ix, qc.langs
	switch t.kind {
	case termPhrase:
		return ix.phraseQuery(t.text, langs)
	case termPrefix:
		return ix.prefixQuery(t.text, langs)
	case termFuzzy:
		return qc.wordQuery(t.text, 1)
	case termArticle:
		alts := []query.Query{}
		if k := numberKey(t.text); k != "" {
			nq := query.NewTermQuery(k)
			nq.SetField(fNumber)
			nq.SetBoost(boostNumber)
			alts = append(alts, nq)
			// The article itself rather than a same-numbered one nested
			// in a protocol or an amended version ("titre-3--art-4").
			aq := query.NewTermQuery("art-" + k)
			aq.SetField(fAnchor)
			aq.SetBoost(boostAnchor)
			alts = append(alts, aq)
			if strings.ContainsAny(k, "0123456789") && !strings.Contains(t.text, " ") {
				// "225-4" finds 225-4-1 … 225-4-9, the first one first;
				// "L622", L622-1 ….
				pq := query.NewPrefixQuery(k + "-")
				pq.SetField(fNumber)
				pq.SetBoost(boostNumberPrefix)
				fq := query.NewTermQuery(k + "-1")
				fq.SetField(fNumber)
				fq.SetBoost(boostNumberPrefix / 2)
				alts = append(alts, pq, fq)
			}
		}
		if ix.hasTokens(numberAnalyzer, t.text) {
			mq := query.NewMatchQuery(t.text)
			mq.SetField(fNumberText)
			mq.Analyzer = numberAnalyzer
			mq.SetOperator(query.MatchQueryOperatorAnd)
			mq.SetBoost(boostNumberText)
			alts = append(alts, mq)
		}
		// A number alone is also a word of the texts ("499" cited); one
		// the query names as an article is the article's number: matched
		// in the texts too, it would rank higher a text that happens to
		// hold a paragraph « 3. » than the article 3 asked for.
		if !t.named {
			if wq := qc.wordQuery(t.text, 0); wq != nil {
				alts = append(alts, wq)
			}
		}
		return orQuery(alts)
	}
	return qc.wordQuery(t.text, 0)
}

// wordQuery looks a word up in the text, heading, title and definition
// fields of each language, and in the French exact fields. A word the
// index does not know at all (a typo) is looked up approximately, at most
// two edits away, keeping its first letter.
func (qc *queryContext) wordQuery(w string, fuzziness int) query.Query {
	ix, langs := qc.ix, qc.langs
	for _, l := range langs {
		if !ix.hasTokens(analyzers.ForLanguage(l), w) {
			// A stop word in one of the languages searched ("des" in
			// French) is dropped everywhere: required in the other
			// languages' fields, it would exclude every French text.
			return nil
		}
	}
	prefix := 0
	if fuzziness == 0 && qc.isUnknown(w) {
		qc.unknown = append(qc.unknown, w)
		fuzziness, prefix = 1, 1
		if utf8.RuneCountInString(w) >= 6 {
			fuzziness = 2
		}
	}
	var alts []query.Query
	add := func(field, analyzer string, boost float64) {
		mq := query.NewMatchQuery(w)
		mq.SetField(field)
		mq.Analyzer = analyzer
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.SetBoost(boost)
		mq.SetFuzziness(fuzziness)
		mq.SetPrefix(prefix)
		alts = append(alts, mq)
	}
	for _, l := range langs {
		an := analyzers.ForLanguage(l)
		lb := langBoost(l)
		add(langField(fText, l), an, boostText*lb)
		add(langField(fHeading, l), an, boostHeading*lb)
		add(langField(fTitle, l), an, boostTitle*lb)
		add(langField(fDocTitle, l), an, boostDocTitle*lb)
		add(langField(fDefines, l), an, boostDefinesWord*lb)
	}
	if slices.Contains(langs, "fr") && ix.hasTokens(analyzers.FrenchExact, w) && len(alts) > 0 {
		// Only when the French analyzer kept the word: a French stop word
		// ("de", "la") must not match everything through the exact field.
		add(fTextExact, analyzers.FrenchExact, boostTextExact)
		add(fTitleExact, analyzers.FrenchExact, boostTitleExact)
	}
	return orQuery(alts)
}

// correction returns the query with its unknown words corrected from the
// index's own terms (suggest), or "" when every word is known or no
// correction was found.
func (ix *Index) correction(pq *parsedQuery) string {
	qc := ix.newQueryContext(ix.langs)
	defer qc.close()
	for _, g := range pq.groups {
		for _, t := range g.terms {
			if !g.not && t.kind == termWord && !qc.syn.has(t.text, qc.termsOf) && qc.isUnknown(t.text) {
				return ix.suggest(pq)
			}
		}
	}
	return ""
}

// isUnknown reports whether no text, heading or title field of the
// languages searched holds the word, as their analyzers write it.
func (qc *queryContext) isUnknown(w string) bool {
	if qc.reader == nil || utf8.RuneCountInString(w) < 4 || !correctable(w) {
		return false
	}
	knownFr, knownElsewhere := false, false
	for _, l := range qc.langs {
		ts := qc.termsOf(l, w)
		if len(ts) != 1 {
			return false
		}
		for _, base := range []string{fText, fTitle, fDocTitle, fHeading} {
			if termCount(qc.reader, langField(base, l), ts[0]) > 0 {
				switch {
				case l == "fr":
					knownFr = true
				case base == fText:
					return false // a word of another language's text
				default:
					knownElsewhere = true
				}
			}
		}
	}
	if knownFr {
		return qc.exactTypo(w)
	}
	return !knownElsewhere
}

// exactTypo reports a French word whose stem exists only by collision
// (Index.exactTypo).
func (qc *queryContext) exactTypo(w string) bool {
	if !slices.Contains(qc.langs, "fr") {
		return false
	}
	fz, ok := qc.reader.(index.IndexReaderFuzzy)
	return ok && qc.ix.exactTypo(qc.reader, fz, strings.ToLower(w)) != ""
}

// phraseQuery looks a phrase up, without stemming, in the French exact
// fields and, for the other languages, in their own fields.
func (ix *Index) phraseQuery(p string, langs []string) query.Query {
	var alts []query.Query
	add := func(field, analyzer string, boost float64) {
		if !ix.hasTokens(analyzer, p) {
			return
		}
		pq := query.NewMatchPhraseQuery(p)
		pq.SetField(field)
		pq.Analyzer = analyzer
		pq.SetBoost(boost)
		alts = append(alts, pq)
	}
	for _, l := range langs {
		an := analyzers.ForLanguage(l)
		// The provision that defines the quoted expression comes first
		// ("traite des personnes" → the Protocol's article 3).
		add(langField(fDefines, l), an, boostDefines*langBoost(l))
		if l == "fr" {
			add(fTextExact, analyzers.FrenchExact, boostText)
			add(fTitleExact, analyzers.FrenchExact, boostTitleExact)
			continue
		}
		add(langField(fText, l), an, boostText*langBoost(l))
		add(langField(fHeading, l), an, boostHeading*langBoost(l))
		add(langField(fTitle, l), an, boostTitle*langBoost(l))
	}
	return orQuery(alts)
}

// prefixQuery looks up words starting with p: folded in the per-language
// fields, as typed (lower case) in the French exact field.
func (ix *Index) prefixQuery(p string, langs []string) query.Query {
	folded, exact := ix.analyzeOne(prefixFoldAnalyzer, p), ix.analyzeOne(prefixExactAnalyzer, p)
	var alts []query.Query
	add := func(field, prefix string, boost float64) {
		if prefix == "" {
			return
		}
		pq := query.NewPrefixQuery(prefix)
		pq.SetField(field)
		pq.SetBoost(boost)
		alts = append(alts, pq)
	}
	for _, l := range langs {
		add(langField(fText, l), folded, boostText)
		add(langField(fTitle, l), folded, boostTitle)
	}
	if slices.Contains(langs, "fr") {
		add(fTextExact, exact, boostTextExact)
	}
	return orQuery(alts)
}

func orQuery(alts []query.Query) query.Query {
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}

// analyzer returns a registered or mapping-defined analyzer by name.
func (ix *Index) analyzer(name string) analysis.Analyzer {
	return ix.bleve.Mapping().AnalyzerNamed(name)
}

// hasTokens reports whether the analyzer keeps anything of s.
func (ix *Index) hasTokens(analyzer, s string) bool {
	a := ix.analyzer(analyzer)
	return a != nil && len(a.Analyze([]byte(s))) > 0
}

// analyzeOne returns the first term the analyzer makes of s, "" if none.
func (ix *Index) analyzeOne(analyzer, s string) string {
	a := ix.analyzer(analyzer)
	if a == nil {
		return ""
	}
	ts := a.Analyze([]byte(s))
	if len(ts) == 0 {
		return ""
	}
	return string(ts[0].Term)
}

// hit turns a bleve match into a Hit, from the documents in memory.
func (ix *Index) hit(dm *search.DocumentMatch) (Hit, bool) {
	var (
		d       *corpus.Document
		h       Hit
		text    string
		heading string // of a provision: its snippet when it has no text
	)
	if ref, ok := ix.provs[dm.ID]; ok {
		d = ref.doc
		p := ref.p
		h = Hit{
			ID:        p.ID,
			Provision: p.Number,
			Anchor:    p.Anchor,
			URL:       "/doc/" + d.ID + "#" + p.Anchor,
			Language:  firstNonEmpty(p.Language, d.Language),
			Source:    firstNonEmpty(p.Source, d.Source),
		}
		text, heading = p.Text, p.Heading
	} else if d, ok = ix.docs[dm.ID]; ok {
		h = Hit{
			ID:       d.ID,
			URL:      "/doc/" + d.ID,
			Language: d.Language,
			Source:   d.Source,
		}
		text = d.Preamble
	} else {
		return Hit{}, false
	}
	h.DocID = d.ID
	h.DocTitle = d.Title
	h.Score = dm.Score
	h.Jurisdiction = d.Jurisdiction
	h.Kind = d.Kind
	h.Date = d.Date
	switch {
	case text != "":
		h.Snippet = snippet(text, textRanges(dm), snippetLen)
	case h.Anchor != "":
		// a provision without text (a repealed article, a heading
		// alone): its own heading, never another provision's words
		h.Snippet = snippet(heading, nil, snippetLen)
	case len(d.Provisions) > 0:
		// a document without a preamble: the start of its first article
		h.Snippet = snippet(d.Provisions[0].Text, nil, snippetLen)
	}
	return h, true
}

// textRanges returns the byte ranges matched in the text fields of a hit
// (text_fr, …, text_exact: all hold the same string).
func textRanges(dm *search.DocumentMatch) []span {
	var spans []span
	for field, tlm := range dm.Locations {
		if !strings.HasPrefix(field, fText+"_") {
			continue
		}
		for _, locs := range tlm {
			for _, l := range locs {
				spans = append(spans, span{int(l.Start), int(l.End)})
			}
		}
	}
	return spans
}

// frPhraseBoost: the phrase of a French query is looked for in the folded
// text field only (a second phrase on the exact field doubled the cost of
// the most expensive clause for no better ranking), with the weight the two
// had together.
func frPhraseBoost(l string, exactFR bool) float64 {
	if l == "fr" && exactFR {
		return 2
	}
	return 1
}

// BaselineSearch is the bleve engine alone, for benchmarks: every word of
// q, analysed by the French analyzer, required in the French text field
// (what an FTS5 MATCH of the same words does), top limit by BM25, with the
// snippets of Search. No query language, synonyms, translations, titles,
// article lookup or phrase boost: the difference with Search is the cost
// of lextraite's ranking, the rest the engine's. It returns the total
// number of matches.
func (ix *Index) BaselineSearch(ctx context.Context, q string, limit int) (uint64, error) {
	mq := query.NewMatchQuery(q)
	mq.SetField(langField(fText, "fr"))
	mq.Analyzer = analyzers.ForLanguage("fr")
	mq.SetOperator(query.MatchQueryOperatorAnd)
	req := bleve.NewSearchRequestOptions(mq, limit, 0, false)
	req.IncludeLocations = true
	ctx, cancel := context.WithTimeout(ctx, SearchTimeout)
	defer cancel()
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("indexer: recherche: %w", err)
	}
	for _, dm := range res.Hits {
		ix.hit(dm) // the snippets, made as Search makes them
	}
	return res.Total, nil
}
