// Package corpus owns lextraite's document model and turns files into it:
// loaders per format (Markdown, HTML, PDF, plain text, JSON), the split of a
// text into provisions (articles) and the metadata overlay.
//
// The identifiers and shapes follow the Contracts section of DESIGN.md:
// document ids are lowercase [a-z0-9-]+, provision anchors "art-…", and a
// provision id is "{doc_id}/{anchor}".
package corpus

// Kinds of legal text, the `kind` code of DESIGN.md.
const (
	KindLoi                  = "loi"
	KindOrdonnance           = "ordonnance"
	KindDecret               = "décret"
	KindCode                 = "code"
	KindConstitution         = "constitution"
	KindTraite               = "traité"
	KindConvention           = "convention"
	KindProtocole            = "protocole"
	KindCharte               = "charte"
	KindAccord               = "accord"
	KindDecision             = "décision"
	KindTravauxPreparatoires = "travaux-préparatoires"
	KindAutre                = "autre"
)

// Kinds lists every valid kind code, in the order the site shows them.
var Kinds = []string{KindLoi, KindOrdonnance, KindDecret, KindCode, KindConstitution,
	KindTraite, KindConvention, KindProtocole, KindCharte, KindAccord, KindDecision,
	KindTravauxPreparatoires, KindAutre}

// KindOf returns the kind code of Kinds that v names, typed with or
// without accents and in any case ("decret", "Décision" → "décret",
// "décision"), and whether there is one.
func KindOf(v string) (string, bool) {
	s := Slug(v)
	for _, k := range Kinds {
		if Slug(k) == s {
			return k, true
		}
	}
	return "", false
}

// Authority values: whether the text is the official one or a third-party
// transcription (DESIGN.md, "Metadata and trust").
const (
	AuthorityOfficiel      = "officiel"
	AuthorityTranscription = "transcription"
)

// Document is one legal text: a law, a code or an extract of one, a treaty in
// one language, or a court decision. JSON field names are those of
// /api/doc/{doc_id} in DESIGN.md.
type Document struct {
	// ID is the stable document id, lowercase [a-z0-9-]+.
	ID string `json:"id"`
	// WorkID groups the language versions and extracts of one instrument.
	WorkID string `json:"work_id"`
	// FRBRURI is the Akoma Ntoso FRBR work URI, e.g. "/akn/ml/act/loi/2012/023".
	FRBRURI string `json:"frbr_uri"`
	// Title is the full title, in the document's language.
	Title string `json:"title"`
	// ShortTitles are the short names people use ("Protocole de Palerme").
	ShortTitles []string `json:"short_titles"`
	// Kind is one of Kinds.
	Kind string `json:"kind"`
	// Jurisdiction is an ISO 3166-1 alpha-2 code in lowercase ("ml", "fr")
	// or one of un, ilo, coe, au, ecowas, int.
	Jurisdiction string `json:"jurisdiction"`
	// Language is an ISO 639-1 code: fr, en, nl, de, it.
	Language string `json:"language"`
	// Date is the date of adoption or decision, ISO 8601 "YYYY-MM-DD" (or
	// "YYYY" when only the year is known); "" when unknown.
	Date string `json:"date"`
	// Number is the official number as written ("2012-023", "0.311.542").
	Number string `json:"number"`
	// Source is the path, relative to the corpus root with forward slashes,
	// of the file or folder the document was read from.
	Source string `json:"source"`
	// Authority is AuthorityOfficiel or AuthorityTranscription.
	Authority string `json:"authority"`
	// Notes are the warnings a reader must see (partial text, consolidation
	// date, numbering since changed). Never nil in JSON.
	Notes []string `json:"notes"`
	// Provisions are the document's provisions in reading order.
	Provisions []Provision `json:"provisions"`

	// ExplicitID is set when ID was given by metadata (a sidecar or an
	// overlay), not derived from the file; such an id wins a collision.
	ExplicitID bool `json:"explicit_id,omitempty"`

	// Format is the loader that read the document: md, html, pdf, txt, json.
	Format string `json:"format,omitempty"`
	// Preamble is text before the first provision (title block, preamble,
	// visas), kept so a document without provisions is still searchable.
	Preamble string `json:"preamble,omitempty"`
	// Incomplete names the metadata fields that stayed unknown
	// (title, kind, jurisdiction, date).
	Incomplete []string `json:"incomplete,omitempty"`
	// Citations are the references found in Preamble (decisions, documents
	// without provisions).
	Citations []Citation `json:"citations,omitempty"`
	// Outline is the document's hierarchy: divisions (livre, titre,
	// chapitre, section…) holding article nodes that point at Provisions by
	// anchor, in reading order. Empty for documents without divisions nor
	// provisions.
	Outline []*Node `json:"outline,omitempty"`
	// Decision holds the case-law fields of a court decision (kind
	// décision); nil for other documents.
	Decision *Decision `json:"decision,omitempty"`
	// OCR is set when some of the text was recognised from scanned pages
	// (see OCRPDF): the site shows OCRNote, the reader must check the
	// original.
	OCR bool `json:"ocr,omitempty"`
	// OCRConfidence holds, for a document with OCR, one entry per page of
	// the file: Tesseract's mean word confidence (0 to 100) for a page
	// recognised, 100 for a page read from its text layer.
	OCRConfidence []float64 `json:"ocr_confidence,omitempty"`
}

// Provision is one addressable part of a document, at least down to the
// article. JSON names follow /api/doc/{doc_id} in DESIGN.md.
type Provision struct {
	// ID is "{doc_id}/{anchor}".
	ID string `json:"id"`
	// Anchor is the HTML fragment id, "art-225-4-1" (see Anchor).
	Anchor string `json:"anchor"`
	// Number is the article number as written: "225-4-1", "premier", "3 bis".
	Number string `json:"number"`
	// Heading is the article's own title when it has one ("Terminologie").
	Heading string `json:"heading"`
	// Path is the breadcrumb of enclosing divisions, outermost first
	// (["Titre II", "Chapitre V"]); never nil in JSON.
	Path []string `json:"path"`
	// Text is the provision's text, paragraphs separated by a blank line.
	Text string `json:"text"`
	// Language is the ISO 639-1 code of the text.
	Language string `json:"language"`
	// Source is the path of the file the text was read from, relative to the
	// corpus root (for a folder read as one document, the article's file).
	Source string `json:"source,omitempty"`
	// Citations are the references found in Text, in text order.
	Citations []Citation `json:"citations,omitempty"`
	// NumberNorm is the normalised number: "premier"/"1er" → "1",
	// lowercase, single spaces ("224-1 a", "3 bis", "9 nouveau").
	NumberNorm string `json:"number_norm,omitempty"`
	// Alineas are the provision's alinéas in order, each with its
	// enumerated items (1°, a), (i)…) nested inside; their texts are the
	// paragraphs of Text as written.
	Alineas []Alinea `json:"alineas,omitempty"`
	// OCR is set when the provision's text comes from optical character
	// recognition (OCRNote).
	OCR bool `json:"ocr,omitempty"`
	// Kind is "" for an article of the document; ProvisionAnnexe for an
	// annex or schedule, ProvisionFormule for a form (Number "", Heading
	// the heading as written: "FORMULE 5 Mandat de perquisition");
	// ProvisionConnexe for a section of another act reproduced with the
	// document ("Dispositions connexes", "Modifications non en vigueur"),
	// which keeps that act's number and is not one of the document's
	// articles; ProvisionPassage for a consecutive part of a long text
	// outside any article (a report, a decision without zones), anchored
	// "passage-1", "passage-2"…, Number "" and Heading « Passage N » or the
	// first heading inside it.
	Kind string `json:"kind,omitempty"`
}

// Provision kinds other than articles (Provision.Kind).
const (
	ProvisionAnnexe  = "annexe"
	ProvisionFormule = "formule"
	ProvisionConnexe = "connexe"
	ProvisionPassage = "passage"
)

// Citation is one cross-reference found in a text ("article 3 du
// Protocole", "loi n° 2012-023", "Cass. crim., 12 mars 2013, n° 12-84.155").
type Citation struct {
	// Text is the reference as written; Start and End are its byte offsets
	// in the provision's (or preamble's) text.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Kind is the form: article, loi, ordonnance, decret, code, traite,
	// decision, ecli, renvoi (pointing back: "du présent code").
	Kind string `json:"kind"`
	// Target is the provision id or document id the citation resolves to;
	// "" when the corpus does not hold the text cited.
	Target string `json:"target,omitempty"`
	// TargetDoc is the document id of Target.
	TargetDoc string `json:"target_doc,omitempty"`
	// Label names what is cited, for unresolved citations too:
	// "Protocole relatif à la traite des personnes, art. 3".
	Label string `json:"label"`
	// Also are the further provision ids a list or a range cites
	// ("articles 3 à 7", "art. 3 et 4"), when they resolve; Target is the
	// first.
	Also []string `json:"also,omitempty"`

	ref *citeRef // the parsed reference, for Resolve (see citations.go)
}

// CodeIgnored is the Code of a file left out on purpose: a hidden file,
// the corpus's SOURCES.md, an index folder, a sidecar's « skip: ».
const CodeIgnored = "ignored"

// Skipped is a file that was not indexed, with the reason a user can act on.
type Skipped struct {
	// Path is relative to the corpus root, forward slashes.
	Path string `json:"path"`
	// Reason is a French sentence ("PDF protégé par un mot de passe").
	Reason string `json:"reason"`
	// Code is a stable machine code: encrypted, no-text, corrupt, empty,
	// unsupported, error, or ignored (CodeIgnored: not a text to index,
	// nothing to do).
	Code string `json:"code"`
	// Root is the corpus folder Path is relative to, as the user gave it
	// (`-corpus mes-textes`), set by the caller when several folders are
	// read; empty otherwise.
	Root string `json:"root,omitempty"`
}
