package site

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

// Limits checked before any search.
const (
	maxQueryRunes   = 500  // longer queries are refused with 400
	pageSize        = 10   // hits per page of /recherche
	maxPage         = 100  // deepest page of /recherche
	maxOffset       = 1000 // deepest offset of /api/search
	maxLimit        = 100  // largest page of /api/search
	maxFilterValues = 20   // values of one filter
)

// filterParam describes one filter: its URL parameter, the valid values and
// the field of searchParams it fills.
type filterParam struct {
	name  string
	valid func(string) bool
	field func(*searchParams) *[]string
	what  string // for the error message
	// norm, when set, writes a value as the index has it before it is
	// checked ("decision" → "décision").
	norm func(string) string
}

var reYear = regexp.MustCompile(`^[0-9]{4}$`)

// filterParams are the filters in the order the facets are shown.
var filterParams = []filterParam{
	{"juridiction", corpus.ValidJurisdiction,
		func(p *searchParams) *[]string { return &p.Jurisdiction }, "un code de juridiction (ml, ne, sn…)", corpus.CodeCase},
	{"type", func(s string) bool { return slices.Contains(corpus.Kinds, s) },
		func(p *searchParams) *[]string { return &p.Kind }, "un type de texte (loi, décret, code…)", canonicalKind},
	{"annee", reYear.MatchString,
		func(p *searchParams) *[]string { return &p.Year }, "une année à quatre chiffres", nil},
	{"langue", corpus.ValidLanguage,
		func(p *searchParams) *[]string { return &p.Language }, "un code de langue (fr, en…)", corpus.CodeCase},
	{"cour", validCourt,
		func(p *searchParams) *[]string { return &p.Court }, "un nom de juridiction (Cour de cassation…)", nil},
}

// canonicalKind is corpus.KindOf of s, s itself when it names no kind
// (so that the error message quotes what was typed).
func canonicalKind(s string) string {
	if k, ok := corpus.KindOf(s); ok {
		return k
	}
	return s
}

// validCourt accepts a court name as decisions write it: letters, spaces,
// apostrophes and hyphens, at most 120 characters.
func validCourt(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 120 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" '’-.", r) {
			return false
		}
	}
	return true
}

// searchParams is a validated search request, as read from the URL.
type searchParams struct {
	Query                              string
	Jurisdiction, Kind, Year, Language []string
	Court                              []string // decisions only
	// API marks /api/search, which shows no facets: they are not counted.
	API           bool
	Page          int    // 1-based, /recherche
	Sort          string // "" (relevance) or "date"
	Limit, Offset int
}

// parseSearchParams validates the parameters of /recherche (api false) or
// /api/search (api true: limit and offset too).
func parseSearchParams(v url.Values, api bool) (searchParams, error) {
	p := searchParams{API: api}
	q := strings.TrimSpace(strings.ToValidUTF8(v.Get("q"), "\uFFFD"))
	if n := utf8.RuneCountInString(q); n > maxQueryRunes {
		return p, badRequest("la requête compte %d caractères, au-delà de la limite de %d : raccourcissez-la", n, maxQueryRunes)
	}
	p.Query = q
	for _, f := range filterParams {
		var vals []string
		for _, s := range v[f.name] {
			s = strings.TrimSpace(s)
			if f.norm != nil {
				s = f.norm(s)
			}
			if s == "" || slices.Contains(vals, s) {
				continue
			}
			if !f.valid(s) {
				return p, badRequest("le filtre « %s » attend %s, pas « %s »", f.name, f.what, truncateRunes(s, 40))
			}
			vals = append(vals, s)
		}
		if len(vals) > maxFilterValues {
			return p, badRequest("trop de valeurs pour le filtre « %s » (au plus %d)", f.name, maxFilterValues)
		}
		*f.field(&p) = vals
	}
	switch s := v.Get("tri"); s {
	case "", "pertinence":
	case "date":
		p.Sort = "date"
	default:
		return p, badRequest("tri inconnu « %s » : choisissez « pertinence » ou « date »", truncateRunes(s, 40))
	}
	p.Page = 1
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return p, badRequest("numéro de page invalide « %s » : un entier à partir de 1", truncateRunes(s, 20))
		}
		if n > maxPage {
			return p, badRequest("au-delà de la page %d : précisez la requête ou ajoutez des filtres", maxPage)
		}
		p.Page = n
	}
	p.Limit = pageSize
	p.Offset = (p.Page - 1) * pageSize
	if !api {
		return p, nil
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, badRequest("le paramètre limit doit être un entier de 1 à %d", maxLimit)
		}
		p.Limit = n
		p.Offset = (p.Page - 1) * n
	}
	if s := v.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxOffset {
			return p, badRequest("le paramètre offset doit être un entier de 0 à %d", maxOffset)
		}
		p.Offset = n
	}
	return p, nil
}

// empty reports whether there is nothing to search for.
func (p searchParams) empty() bool {
	return p.Query == "" && len(p.Jurisdiction)+len(p.Kind)+len(p.Year)+len(p.Language) == 0
}

// request is the indexer request for p.
func (p searchParams) request() indexer.Request {
	return indexer.Request{
		Query: p.Query, Jurisdiction: p.Jurisdiction, Kind: p.Kind, Year: p.Year,
		Language: p.Language, Court: p.Court, Offset: p.Offset, Limit: p.Limit, Sort: p.Sort, Facets: !p.API,
	}
}

// url is the /recherche address of p, page 1 omitted.
func (p searchParams) url() string {
	v := url.Values{}
	if p.Query != "" {
		v.Set("q", p.Query)
	}
	for _, f := range filterParams {
		for _, s := range *f.field(&p) {
			v.Add(f.name, s)
		}
	}
	if p.Sort != "" {
		v.Set("tri", p.Sort)
	}
	if p.Page > 1 {
		v.Set("page", strconv.Itoa(p.Page))
	}
	if len(v) == 0 {
		return "/recherche"
	}
	return "/recherche?" + v.Encode()
}

// with returns a copy of p changed by fn, with its own filter slices and
// back on page 1 unless fn sets a page.
func (p searchParams) with(fn func(*searchParams)) searchParams {
	q := p
	q.Jurisdiction = slices.Clone(p.Jurisdiction)
	q.Kind = slices.Clone(p.Kind)
	q.Year = slices.Clone(p.Year)
	q.Language = slices.Clone(p.Language)
	q.Court = slices.Clone(p.Court)
	q.Page = 1
	fn(&q)
	return q
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// search runs p with the configured timeout.
func (srv *server) search(ctx context.Context, p searchParams) (*indexer.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, srv.cfg.SearchTimeout)
	defer cancel()
	select {
	case srv.slots <- struct{}{}:
		defer func() { <-srv.slots }()
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w : trop de recherches en cours ; réessayez dans un instant", errBusy)
		}
		return nil, ctx.Err()
	}
	resp, err := srv.s.Search(ctx, p.request())
	if err != nil {
		return nil, fmt.Errorf("recherche : %w", err)
	}
	if resp == nil {
		resp = &indexer.Response{Query: p.Query}
	}
	return resp, nil
}

// handleHome serves the search form.
func (srv *server) handleHome(c *gin.Context) error {
	st := srv.s.Stats()
	p := &homePage{basePage: srv.base(c, "Recherche dans les textes"), Documents: st.Documents, Provisions: st.Provisions}
	p.HideSearch = true
	for _, q := range []string{"traite des personnes", "trafic illicite de migrants", "exploitation"} {
		p.Examples = append(p.Examples, link{Label: q, URL: searchParams{Query: q}.url()})
	}
	srv.render(c, 200, "home", p)
	return nil
}

// handleSearch serves /recherche: validate, search, then build the page.
func (srv *server) handleSearch(c *gin.Context) error {
	params, err := parseSearchParams(c.Request.URL.Query(), false)
	if err != nil {
		return err
	}
	page := &resultsPage{basePage: srv.base(c, "Recherche"), Params: params}
	page.Query = params.Query
	for _, f := range filterParams {
		for _, val := range *f.field(&params) {
			page.Keep = append(page.Keep, field{f.name, val})
		}
	}
	if params.Sort != "" {
		page.Keep = append(page.Keep, field{"tri", params.Sort})
	}
	if params.Query != "" {
		page.Title = "« " + truncateRunes(params.Query, 80) + " » — recherche"
	}
	if params.empty() {
		srv.render(c, 200, "results", page)
		return nil
	}
	resp, err := srv.search(c.Request.Context(), params)
	if err != nil {
		return err
	}
	srv.fillResults(page, resp)
	page.Missing = srv.missingActs(params.Query)
	if resp.Total == 0 || len(params.Jurisdiction) > 1 || strings.Contains(params.Query, ":") {
		// only then may a jurisdiction filter have asked for what the base
		// lacks: a filter that found texts does not scan the documents
		page.Absent, page.Present = srv.absentJurisdictions(params)
	}
	srv.render(c, 200, "results", page)
	return nil
}

// reInlineJurisdiction is a jurisdiction filter typed in the query:
// "juridiction:ml,sn", "pays:zz".
var reInlineJurisdiction = regexp.MustCompile(`(?i)(?:^|\s)(?:juridiction|pays):([\p{L},]+)`)

// absentJurisdictions returns the jurisdictions p filters on (URL or
// query) that no document of the base belongs to, and the list of those
// it holds: a filter on « zz » or on Mali before its law is added finds
// nothing, and the page says why. Nothing is scanned without such a filter.
func (srv *server) absentJurisdictions(p searchParams) (absent []string, present string) {
	asked := slices.Clone(p.Jurisdiction)
	for _, m := range reInlineJurisdiction.FindAllStringSubmatch(p.Query, 4) {
		for _, v := range strings.Split(m[1], ",") {
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" && !slices.Contains(asked, v) {
				asked = append(asked, v)
			}
		}
	}
	if len(asked) == 0 {
		return nil, ""
	}
	var have []string
	for _, d := range srv.s.Documents() {
		if d.Jurisdiction != "" && !slices.Contains(have, d.Jurisdiction) {
			have = append(have, d.Jurisdiction)
		}
	}
	for _, j := range asked {
		if !slices.Contains(have, j) {
			absent = append(absent, j)
		}
	}
	slices.Sort(have)
	return absent, strings.Join(have, ", ")
}

// missingActs returns the catalog label of each act the query designates
// by kind and number ("loi n°2012-023", "décret n° 2011-036/P-RM",
// "article 7 de l'ordonnance 2010-86"; every form the citation extractor
// reads) that no document of the base is a version of: the magistrate
// learns that the text is missing, not only that nothing matched.
func (srv *server) missingActs(q string) []string {
	var acts []*corpus.Instrument
	for _, c := range corpus.ExtractCitations(q, "fr") {
		kind, num := c.Act()
		if num == "" {
			continue
		}
		if in := corpus.DefaultCatalog().Numbered(kind, num); in != nil && !slices.Contains(acts, in) {
			acts = append(acts, in)
		}
	}
	if len(acts) == 0 {
		return nil // most searches: the documents are not scanned
	}
	for _, d := range srv.s.Documents() {
		acts = slices.DeleteFunc(acts, func(in *corpus.Instrument) bool { return d.WorkID != "" && d.WorkID == in.WorkID })
	}
	var out []string
	for _, in := range acts {
		out = append(out, in.Label("fr"))
	}
	return out
}

// fillResults turns a response into the results page.
func (srv *server) fillResults(page *resultsPage, resp *indexer.Response) {
	p := page.Params
	page.Searched = true
	page.Total = resp.Total
	page.TookMS = resp.TookMS
	if len(resp.Hits) > 0 {
		page.From = p.Offset + 1
		page.To = p.Offset + len(resp.Hits)
	}
	page.Groups = srv.groupHits(resp.Hits)
	if len(resp.Hits) == 0 && resp.Total > 0 && p.Page > 1 {
		page.FirstPageURL = p.with(func(*searchParams) {}).url()
	}
	for _, g := range page.Groups {
		for _, h := range g.Hits {
			if h.ProvisionID != "" {
				page.Selectable = true
			}
		}
	}

	// Active filters, each removable; facets, each value toggling.
	for _, f := range filterParams {
		for _, val := range *f.field(&p) {
			page.Active = append(page.Active, link{
				Label: facetNames[f.name] + " : " + facetValueLabel(f.name, val),
				URL: p.with(func(q *searchParams) {
					fld := f.field(q)
					*fld = slices.DeleteFunc(*fld, func(s string) bool { return s == val })
				}).url(),
			})
		}
		counts := resp.Facets[f.name]
		if len(counts) == 0 {
			continue
		}
		fv := facetView{Param: f.name, Name: facetNames[f.name]}
		for _, fc := range counts {
			if fc.Value == "" || !f.valid(fc.Value) {
				continue
			}
			active := slices.Contains(*f.field(&p), fc.Value)
			u := p.with(func(q *searchParams) {
				fld := f.field(q)
				if active {
					*fld = slices.DeleteFunc(*fld, func(s string) bool { return s == fc.Value })
				} else {
					*fld = append(*fld, fc.Value)
				}
			}).url()
			fv.Values = append(fv.Values, facetValue{
				Label: facetValueLabel(f.name, fc.Value), Count: fc.Count, URL: u, Active: active})
		}
		if len(fv.Values) > 0 {
			page.Facets = append(page.Facets, fv)
		}
	}
	if len(page.Active) > 0 {
		page.ClearFiltersURL = p.with(func(q *searchParams) {
			q.Jurisdiction, q.Kind, q.Year, q.Language = nil, nil, nil, nil
		}).url()
	}
	page.Sorts = []link{
		{Label: "pertinence", URL: p.with(func(q *searchParams) { q.Sort = "" }).url(), Current: p.Sort == ""},
		{Label: "date", URL: p.with(func(q *searchParams) { q.Sort = "date" }).url(), Current: p.Sort == "date"},
	}
	if resp.Suggestion != "" && resp.Suggestion != p.Query {
		page.Suggestion = truncateRunes(resp.Suggestion, maxQueryRunes)
		page.SuggestionURL = p.with(func(q *searchParams) { q.Query = page.Suggestion }).url()
	}
	srv.paginate(page, resp.Total)
}

// paginate sets the page links: first, last, and two either side.
func (srv *server) paginate(page *resultsPage, total uint64) {
	p := page.Params
	last := int((total + pageSize - 1) / pageSize)
	if last > maxPage {
		last = maxPage
	}
	if last <= 1 {
		return
	}
	at := func(n int) string { return p.with(func(q *searchParams) { q.Page = n }).url() }
	if p.Page > 1 {
		page.Prev = at(min(p.Page-1, last))
	}
	if p.Page < last {
		page.Next = at(p.Page + 1)
	}
	gap := false
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= p.Page-2 && n <= p.Page+2) {
			page.Pages = append(page.Pages, pageLink{N: n, URL: at(n), Current: n == p.Page})
			gap = false
		} else if !gap {
			page.Pages = append(page.Pages, pageLink{Gap: true})
			gap = true
		}
	}
}

// groupHits groups hits by document, in the order each document first
// appears; inside a group hits keep their order (best first).
func (srv *server) groupHits(hits []indexer.Hit) []hitGroup {
	var groups []hitGroup
	index := map[string]int{}
	for _, h := range hits {
		i, ok := index[h.DocID]
		if !ok {
			i = len(groups)
			index[h.DocID] = i
			groups = append(groups, srv.newGroup(h))
		}
		groups[i].Hits = append(groups[i].Hits, srv.hitViewOf(h))
	}
	return groups
}

// newGroup starts the group of h's document, from the document itself
// when the searcher knows it, else from the hit.
func (srv *server) newGroup(h indexer.Hit) hitGroup {
	g := hitGroup{DocID: h.DocID, DocTitle: h.DocTitle, Kind: kindLabel(h.Kind),
		Jurisdiction: jurisdictionLabel(h.Jurisdiction), Date: dateLabel(h.Date), Lang: h.Language}
	if idPattern.MatchString(h.DocID) {
		g.DocURL = docURL(h.DocID, "")
	}
	if d, ok := srv.s.Document(h.DocID); ok {
		g.DocTitle = d.Title
		g.Kind = kindLabel(d.Kind)
		g.Jurisdiction = jurisdictionLabel(d.Jurisdiction)
		g.Date = dateLabel(d.Date)
		g.Transcription = d.Authority == corpus.AuthorityTranscription
		g.Warnings = shortWarnings(d)
		g.Notes = d.Notes
		g.Authentic = authenticity(d)
	}
	if g.DocTitle == "" {
		g.DocTitle = h.DocID
	}
	return g
}

// hitViewOf builds the view of one hit; heading and breadcrumb come from
// the document's provision, the link goes to the page holding it.
func (srv *server) hitViewOf(h indexer.Hit) hitView {
	v := hitView{Label: articleLabel(h.Provision), Snippet: sanitizeSnippet(h.Snippet)}
	okID := idPattern.MatchString(h.DocID)
	okAnchor := h.Anchor != "" && idPattern.MatchString(h.Anchor)
	if okID {
		v.URL = docURL(h.DocID, "")
		if okAnchor {
			v.URL = docURL(h.DocID, h.Anchor)
			v.Permalink = v.URL
		}
	}
	if okID && okAnchor && h.Provision != "" {
		v.ProvisionID = h.DocID + "/" + h.Anchor
	}
	if d, ok := srv.s.Document(h.DocID); ok && okAnchor {
		if pr, ok := findProvision(d, h.Anchor); ok {
			v.Label, v.Heading = provisionLabel(pr), provisionHeading(pr)
			v.Path = pr.Path
			v.URL = srv.provisionURL(d, h.Anchor)
			v.Permalink = srv.permalink(d, h.Anchor)
		}
	}
	return v
}
