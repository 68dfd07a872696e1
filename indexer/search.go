package indexer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

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
	// An exact article number is worth more than any text match:
	// "225-4-1" must give article 225-4-1 first, before the articles that
	// cite it.
	boostNumber     = 20.0
	boostNumberText = 3.0
	// boostProximity rewards the query's words found as a phrase.
	boostProximity = 2.0
)

// facetFields maps the facet keys of Response.Facets to index fields.
var facetFields = []struct{ key, field string }{
	{"juridiction", fJurisdiction},
	{"type", fKind},
	{"annee", fYear},
	{"langue", fLanguage},
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
	for _, k := range r.Kind {
		if code, ok := kindCode(k); ok {
			k = code
		}
		f.kind = appendNew(f.kind, k)
	}

	q := ix.buildQuery(pq, f)
	req := bleve.NewSearchRequestOptions(q, limit, offset, false)
	req.IncludeLocations = true
	for _, fc := range facetFields {
		req.AddFacet(fc.key, bleve.NewFacetRequest(fc.field, 200))
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
		fr := res.Facets[fc.key]
		counts := []FacetCount{}
		if fr != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		resp.Facets[fc.key] = counts
	}
	if res.Total < suggestBelow && ctx.Err() == nil {
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
// a boolean query whose must clauses are the groups and the filters.
func (ix *Index) buildQuery(pq *parsedQuery, f filters) query.Query {
	langs := ix.langs
	if len(f.language) > 0 {
		langs = slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return !slices.Contains(f.language, l) })
	}
	var must, mustNot []query.Query
	positive, dropped := 0, 0
	for _, g := range pq.groups {
		var alts []query.Query
		for _, t := range g.terms {
			if tq := ix.termQuery(t, langs); tq != nil {
				alts = append(alts, tq)
			}
		}
		if !g.not {
			positive++
		}
		if len(alts) == 0 {
			if !g.not {
				dropped++ // only stop words
			}
			continue
		}
		var clause query.Query = alts[0]
		if len(alts) > 1 {
			clause = query.NewDisjunctionQuery(alts)
		}
		if g.not {
			mustNot = append(mustNot, clause)
		} else {
			must = append(must, clause)
		}
	}
	if positive > 0 && positive == dropped {
		// Nothing left to look for ("de la"): no hits rather than all.
		return query.NewMatchNoneQuery()
	}
	for _, fl := range []struct {
		field  string
		values []string
	}{{fJurisdiction, f.jurisdiction}, {fKind, f.kind}, {fYear, f.year}, {fLanguage, f.language}} {
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
	var should []query.Query
	if pq := ix.proximityQuery(pq, langs); pq != nil {
		should = append(should, pq)
	}
	return query.NewBooleanQuery(must, should, mustNot)
}

// proximityQuery is an optional clause rewarding hits where the plain words
// of the query appear as typed, in order ("traite des personnes" written
// without quotes): a phrase on the French exact fields. nil when the query
// has fewer than two such words.
func (ix *Index) proximityQuery(pq *parsedQuery, langs []string) query.Query {
	if !slices.Contains(langs, "fr") {
		return nil
	}
	var words []string
	for _, g := range pq.groups {
		if !g.not && len(g.terms) == 1 && g.terms[0].kind == termWord {
			words = append(words, g.terms[0].text)
		}
	}
	if len(words) < 2 {
		return nil
	}
	p := strings.Join(words, " ")
	var alts []query.Query
	for _, f := range []string{fTextExact, fTitleExact} {
		mq := query.NewMatchPhraseQuery(p)
		mq.SetField(f)
		mq.Analyzer = analyzers.FrenchExact
		mq.SetBoost(boostProximity)
		alts = append(alts, mq)
	}
	return orQuery(alts)
}

// termQuery is the query for one term, nil when it has nothing to look for
// (a stop word).
func (ix *Index) termQuery(t term, langs []string) query.Query {
	switch t.kind {
	case termPhrase:
		return ix.phraseQuery(t.text, langs)
	case termPrefix:
		return ix.prefixQuery(t.text, langs)
	case termFuzzy:
		return ix.wordQuery(t.text, langs, 1)
	case termArticle:
		alts := []query.Query{}
		if k := numberKey(t.text); k != "" {
			nq := query.NewTermQuery(k)
			nq.SetField(fNumber)
			nq.SetBoost(boostNumber)
			alts = append(alts, nq)
		}
		if ix.hasTokens(numberAnalyzer, t.text) {
			mq := query.NewMatchQuery(t.text)
			mq.SetField(fNumberText)
			mq.Analyzer = numberAnalyzer
			mq.SetOperator(query.MatchQueryOperatorAnd)
			mq.SetBoost(boostNumberText)
			alts = append(alts, mq)
		}
		if wq := ix.wordQuery(t.text, langs, 0); wq != nil {
			alts = append(alts, wq)
		}
		return orQuery(alts)
	}
	return ix.wordQuery(t.text, langs, 0)
}

// wordQuery looks a word up in the text, heading and title fields of each
// language, and in the French exact fields.
func (ix *Index) wordQuery(w string, langs []string, fuzziness int) query.Query {
	var alts []query.Query
	add := func(field, analyzer string, boost float64) {
		mq := query.NewMatchQuery(w)
		mq.SetField(field)
		mq.Analyzer = analyzer
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.SetBoost(boost)
		mq.SetFuzziness(fuzziness)
		alts = append(alts, mq)
	}
	for _, l := range langs {
		if !ix.hasTokens(analyzers.ForLanguage(l), w) {
			// A stop word in one of the languages searched ("des" in
			// French) is dropped everywhere: required in the other
			// languages' fields, it would exclude every French text.
			return nil
		}
	}
	for _, l := range langs {
		an := analyzers.ForLanguage(l)
		add(langField(fText, l), an, boostText)
		add(langField(fHeading, l), an, boostHeading)
		add(langField(fTitle, l), an, boostTitle)
		add(langField(fDocTitle, l), an, boostDocTitle)
	}
	if slices.Contains(langs, "fr") && ix.hasTokens(analyzers.FrenchExact, w) && len(alts) > 0 {
		// Only when the French analyzer kept the word: a French stop word
		// ("de", "la") must not match everything through the exact field.
		add(fTextExact, analyzers.FrenchExact, boostTextExact)
		add(fTitleExact, analyzers.FrenchExact, boostTitleExact)
	}
	return orQuery(alts)
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
		if l == "fr" {
			add(fTextExact, analyzers.FrenchExact, boostText)
			add(fTitleExact, analyzers.FrenchExact, boostTitleExact)
			continue
		}
		an := analyzers.ForLanguage(l)
		add(langField(fText, l), an, boostText)
		add(langField(fHeading, l), an, boostHeading)
		add(langField(fTitle, l), an, boostTitle)
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
		d    *corpus.Document
		h    Hit
		text string
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
		text = p.Text
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
	if text != "" {
		h.Snippet = snippet(text, textRanges(dm), snippetLen)
	} else if len(d.Provisions) > 0 {
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
