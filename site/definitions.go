package site

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
)

// This file serves the element-by-element comparison of the definitions of
// trafficking in persons and of the smuggling of migrants:
// /comparer/definitions (HTML) and /api/definitions (JSON).
//
// /api/definitions?juridiction=…&juridiction=… answers
//
//	{
//	  "jurisdictions": ["fr", "bj"],     // the filter applied ([] = all)
//	  "tables": [{                       // "traite" first, then "trafic"
//	    "kind": "traite",                // or "trafic"
//	    "title": "Traite des personnes",
//	    "reference": "Protocole … art. 3",
//	    "instruments": [{                // columns; the UN Protocol(s) first
//	      "doc_id", "title", "jurisdiction", "jurisdiction_label", "language",
//	      "url",                         // /doc/{doc_id}
//	      "reference": true,             // an international reference text
//	      "transcription": false,        // third-party transcription
//	      "warnings": ["…"],
//	      "provisions": [{"id", "anchor", "number", "label", "url",
//	                      "confirmed", "note"}]
//	    }],
//	    "rows": [{                       // one per element, lexicon order
//	      "element": "act-recruitment", "group": "act",
//	      "group_label": "Actes", "label": "Recrutement",
//	      "protocol_ref": "art. 3 a)",   // "" for an element beyond the Protocol
//	      "extra": false,
//	      "cells": [{                    // aligned with "instruments"
//	        "present": true,
//	        "quotes": [{"text", "provision_id", "url", "label", "start", "end"}]
//	      }]
//	    }]
//	  }]
//	}
//
// A quote's text is exactly the provision's text[start:end] (byte offsets).
// Rows of elements beyond the Protocol appear only when some column states
// them. The matrix is computed once per index generation (defCache).

// maxJurisdictions bounds the juridiction parameters of one request.
const maxJurisdictions = 30

// maxQuotes is the number of quotes a cell shows.
const maxQuotes = 3

// groupLabels name the groups of elements, as row headings.
var groupLabels = map[string]string{
	"act": "Actes", "means": "Moyens", "purpose": "Finalité d'exploitation",
	"consent": "Consentement", "child": "Enfants", "smuggling": "Éléments du trafic",
}

// defTable is one matrix: the definitions of one kind.
type defTable struct {
	Kind        string          `json:"kind"`
	Title       string          `json:"title"`
	Reference   string          `json:"reference"`
	Instruments []defInstrument `json:"instruments"`
	Rows        []defRow        `json:"rows"`
}

// defInstrument is one column: a document's definition provisions.
type defInstrument struct {
	DocID             string         `json:"doc_id"`
	Title             string         `json:"title"`
	Jurisdiction      string         `json:"jurisdiction"`
	JurisdictionLabel string         `json:"jurisdiction_label"`
	Language          string         `json:"language"`
	URL               string         `json:"url"`
	Reference         bool           `json:"reference"`
	Transcription     bool           `json:"transcription"`
	Warnings          []string       `json:"warnings"`
	Provisions        []defProvision `json:"provisions"`
}

// defProvision is one defining provision of a column.
type defProvision struct {
	ID        string `json:"id"`
	Anchor    string `json:"anchor"`
	Number    string `json:"number"`
	Label     string `json:"label"`
	URL       string `json:"url"`
	Confirmed bool   `json:"confirmed"`
	Note      string `json:"note,omitempty"`
}

// defRow is one element across the columns.
type defRow struct {
	Element     string    `json:"element"`
	Group       string    `json:"group"`
	GroupLabel  string    `json:"group_label"`
	Label       string    `json:"label"`
	ProtocolRef string    `json:"protocol_ref"`
	Extra       bool      `json:"extra"`
	Cells       []defCell `json:"cells"`
	// NewGroup marks the first row of a group, for the HTML headings.
	NewGroup bool `json:"-"`
}

// defCell says whether a column states the row's element, and where.
type defCell struct {
	Present bool       `json:"present"`
	Quotes  []defQuote `json:"quotes"`
}

// defQuote is an exact span of a provision's text.
type defQuote struct {
	Text        string `json:"text"`
	ProvisionID string `json:"provision_id"`
	URL         string `json:"url"`
	Label       string `json:"label"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
}

// definitionsResponse is the body of /api/definitions.
type definitionsResponse struct {
	Jurisdictions []string   `json:"jurisdictions"`
	Tables        []defTable `json:"tables"`
}

// definitionsPage is /comparer/definitions.
type definitionsPage struct {
	basePage
	Tables []defTable
	// Choices are the jurisdictions that can be filtered on; Chosen marks
	// the active ones.
	Choices []defChoice
	JSONURL string
}

// defChoice is one jurisdiction checkbox of the filter form.
type defChoice struct {
	Code, Label string
	Chosen      bool
}

// defCache holds the full matrix of one index generation.
type defCache struct {
	mu     sync.Mutex
	key    string
	tables []defTable
	builds int // how many times the matrix was computed (tests)
}

// generationer is implemented by indexer.Index and indexer.Live.
type generationer interface{ Generation() string }

// definitionTables returns the full matrix (all jurisdictions) of the
// documents now served, computing it only when the generation or the set
// of documents changed. The result is shared: callers must not modify it.
func (srv *server) definitionTables() []defTable {
	docs := srv.s.Documents()
	h := fnv.New64a()
	if g, ok := srv.s.(generationer); ok {
		fmt.Fprintf(h, "%s\x00", g.Generation())
	}
	for _, d := range docs {
		if d != nil {
			fmt.Fprintf(h, "%s\x00%p\x00", d.ID, d)
		}
	}
	key := fmt.Sprintf("%x", h.Sum64())

	c := &srv.defs
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tables != nil && c.key == key {
		return c.tables
	}
	c.tables, c.key = buildDefinitionTables(docs), key
	c.builds++
	return c.tables
}

// buildDefinitionTables tags every document's definitions and lays them out
// as one table per kind.
func buildDefinitionTables(docs []*corpus.Document) []defTable {
	lx := corpus.DefaultLexicon()
	tables := []defTable{
		{Kind: corpus.FamilyTraite, Title: "Traite des personnes",
			Reference: "Protocole additionnel relatif à la traite des personnes (Palerme, 2000), art. 3"},
		{Kind: corpus.FamilyTrafic, Title: "Trafic illicite de migrants",
			Reference: "Protocole contre le trafic illicite de migrants (Palerme, 2000), art. 3 et 6"},
	}
	// cols[kind] holds, per column, the matches of each element.
	type column struct {
		inst    defInstrument
		matches map[string][]defQuote
	}
	cols := map[string][]*column{}
	for _, d := range docs {
		if d == nil || d.Kind == corpus.KindDecision || d.Kind == corpus.KindTravauxPreparatoires {
			continue
		}
		byKind := map[string]*column{}
		for _, def := range lx.FindDefinitions(d, corpus.DefaultDefinitionSidecar()) {
			col := byKind[def.Kind]
			if col == nil {
				col = &column{inst: instrumentOf(d), matches: map[string][]defQuote{}}
				byKind[def.Kind] = col
				cols[def.Kind] = append(cols[def.Kind], col)
			}
			num := def.Number
			col.inst.Provisions = append(col.inst.Provisions, defProvision{
				ID: def.ProvisionID, Anchor: def.Anchor, Number: num, Label: articleLabel(num),
				URL: docURL(d.ID, def.Anchor), Confirmed: def.Confirmed, Note: def.Note})
			for _, m := range def.Matches {
				col.matches[m.Element] = append(col.matches[m.Element], defQuote{
					Text: m.Text, ProvisionID: def.ProvisionID, URL: docURL(d.ID, def.Anchor),
					Label: articleLabel(num), Start: m.Start, End: m.End})
			}
		}
	}
	for i := range tables {
		t := &tables[i]
		cs := cols[t.Kind]
		slices.SortStableFunc(cs, func(a, b *column) int {
			return cmp.Or(cmp.Compare(columnRank(a.inst), columnRank(b.inst)),
				cmp.Compare(a.inst.JurisdictionLabel, b.inst.JurisdictionLabel),
				cmp.Compare(a.inst.Title, b.inst.Title),
				cmp.Compare(languageRank(a.inst.Language), languageRank(b.inst.Language)),
				cmp.Compare(a.inst.DocID, b.inst.DocID))
		})
		for _, c := range cs {
			t.Instruments = append(t.Instruments, c.inst)
		}
		for _, e := range lx.Elements {
			if e.Family != t.Kind {
				continue
			}
			row := defRow{Element: e.ID, Group: e.Group, GroupLabel: groupLabels[e.Group],
				Label: e.Label, ProtocolRef: e.Ref, Extra: e.Extra, Cells: []defCell{}}
			if e.Extra {
				row.Group, row.GroupLabel = "extra", "Au-delà du Protocole"
			}
			for _, c := range cs {
				qs := uniqueQuotes(c.matches[e.ID])
				row.Cells = append(row.Cells, defCell{Present: len(qs) > 0, Quotes: qs})
			}
			t.Rows = append(t.Rows, row)
		}
		// Protocol rows first, then the extra rows, each in lexicon order.
		slices.SortStableFunc(t.Rows, func(a, b defRow) int {
			return cmp.Compare(boolRank(a.Extra), boolRank(b.Extra))
		})
		markGroups(t.Rows)
	}
	return tables
}

// instrumentOf is the column header of document d.
func instrumentOf(d *corpus.Document) defInstrument {
	title := instrumentName(d)
	return defInstrument{
		DocID: d.ID, Title: title, Jurisdiction: d.Jurisdiction,
		JurisdictionLabel: jurisdictionLabel(d.Jurisdiction), Language: d.Language,
		URL: docURL(d.ID, ""), Reference: d.Jurisdiction == "un",
		Transcription: d.Authority == corpus.AuthorityTranscription,
		Warnings:      append([]string{}, warnings(d)...), Provisions: []defProvision{},
	}
}

// columnRank orders columns: the UN Protocols, then other international
// and regional instruments, then national laws.
func columnRank(in defInstrument) int {
	switch in.Jurisdiction {
	case "un":
		return 0
	case "int", "coe", "au", "ecowas", "ilo":
		return 1
	}
	return 2
}

// languageRank puts French versions before the others.
func languageRank(lang string) int {
	if lang == "fr" {
		return 0
	}
	return 1
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// markGroups sets NewGroup on the first row of each run of one group.
func markGroups(rows []defRow) {
	group := ""
	for i := range rows {
		rows[i].NewGroup = rows[i].Group != group
		group = rows[i].Group
	}
}

// uniqueQuotes keeps the first maxQuotes quotes, one per distinct text
// and provision.
func uniqueQuotes(qs []defQuote) []defQuote {
	out := []defQuote{}
	for _, q := range qs {
		if len(out) == maxQuotes {
			break
		}
		if !slices.ContainsFunc(out, func(o defQuote) bool {
			return o.Text == q.Text && o.ProvisionID == q.ProvisionID
		}) {
			out = append(out, q)
		}
	}
	return out
}

// parseJurisdictions validates the juridiction parameters.
func parseJurisdictions(vals []string) ([]string, error) {
	if len(vals) > 10*maxJurisdictions {
		return nil, badRequest("trop de paramètres juridiction (%d)", len(vals))
	}
	out := []string{}
	for _, v := range vals {
		v = corpus.CodeCase(strings.TrimSpace(v))
		if v == "" {
			continue
		}
		if !corpus.ValidJurisdiction(v) {
			return nil, badRequest("code de juridiction invalide « %s » : deux à huit lettres minuscules (ml, fr, bj, un…)", truncateRunes(v, 20))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) > maxJurisdictions {
		// counted once each, as /api/search does
		return nil, badRequest("trop de juridictions (%d) : %d au plus", len(out), maxJurisdictions)
	}
	return out, nil
}

// checkCompared returns a 400 naming the jurisdictions the tables compare
// when one of chosen has no column in them (« zz », or « ml » while Mali's
// law is not in the base): filtering on it would silently show the
// reference columns alone.
func checkCompared(chosen []string, tables []defTable) error {
	var have []string
	for _, t := range tables {
		for _, in := range t.Instruments {
			if !in.Reference && !slices.Contains(have, in.Jurisdiction) {
				have = append(have, in.Jurisdiction)
			}
		}
	}
	slices.Sort(have)
	for _, v := range chosen {
		if !slices.Contains(have, v) {
			return badRequest("aucune définition comparée pour la juridiction « %s » (son texte n'est pas dans la base) ; juridictions comparées : %s", v, strings.Join(have, ", "))
		}
	}
	return nil
}

// filterTables keeps the reference columns and those of the chosen
// jurisdictions (all when none is chosen), and drops the rows beyond the
// Protocol that no remaining column states. The input is not modified.
func filterTables(all []defTable, chosen []string) []defTable {
	out := make([]defTable, 0, len(all))
	for _, t := range all {
		var keep []int
		for i, in := range t.Instruments {
			if len(chosen) == 0 || in.Reference || slices.Contains(chosen, in.Jurisdiction) {
				keep = append(keep, i)
			}
		}
		nt := defTable{Kind: t.Kind, Title: t.Title, Reference: t.Reference,
			Instruments: []defInstrument{}, Rows: []defRow{}}
		for _, i := range keep {
			nt.Instruments = append(nt.Instruments, t.Instruments[i])
		}
		for _, r := range t.Rows {
			nr := r
			nr.Cells = make([]defCell, 0, len(keep))
			present := false
			for _, i := range keep {
				nr.Cells = append(nr.Cells, r.Cells[i])
				present = present || r.Cells[i].Present
			}
			if r.Extra && !present {
				continue
			}
			nt.Rows = append(nt.Rows, nr)
		}
		markGroups(nt.Rows)
		out = append(out, nt)
	}
	return out
}

// definitionsFor answers one request: the validated filter and the tables.
func (srv *server) definitionsFor(c *gin.Context) (*definitionsResponse, error) {
	chosen, err := parseJurisdictions(c.QueryArray("juridiction"))
	if err != nil {
		return nil, err
	}
	if err := checkCompared(chosen, srv.definitionTables()); err != nil {
		return nil, err
	}
	return &definitionsResponse{Jurisdictions: chosen, Tables: filterTables(srv.definitionTables(), chosen)}, nil
}

// handleDefinitions serves /comparer/definitions.
func (srv *server) handleDefinitions(c *gin.Context) error {
	resp, err := srv.definitionsFor(c)
	if err != nil {
		return err
	}
	p := &definitionsPage{basePage: srv.base(c, "Définitions comparées : traite et trafic de migrants"),
		Tables: resp.Tables, JSONURL: "/api/definitions"}
	if q := c.Request.URL.RawQuery; q != "" {
		p.JSONURL += "?" + q
	}
	seen := map[string]bool{}
	for _, t := range srv.definitionTables() {
		for _, in := range t.Instruments {
			if in.Reference || seen[in.Jurisdiction] {
				continue
			}
			seen[in.Jurisdiction] = true
			p.Choices = append(p.Choices, defChoice{Code: in.Jurisdiction, Label: in.JurisdictionLabel,
				Chosen: slices.Contains(resp.Jurisdictions, in.Jurisdiction)})
		}
	}
	slices.SortFunc(p.Choices, func(a, b defChoice) int { return cmp.Compare(a.Label, b.Label) })
	srv.render(c, 200, "definitions", p)
	return nil
}

// apiDefinitions serves /api/definitions (shape above).
func (srv *server) apiDefinitions(c *gin.Context) error {
	resp, err := srv.definitionsFor(c)
	if err != nil {
		return err
	}
	srv.writeJSON(c, 200, resp)
	return nil
}
