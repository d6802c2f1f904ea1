"""A readable who-said-what report of one Article, for the terminal."""

from __future__ import annotations

import textwrap

from ..record import Article, Attribution

KIND_LABEL = {"direct": "quoted", "indirect": "said (indirect)", "speech_act": "speech act", "belief": "belief"}
WIDTH = 100


def _short(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _attribution_lines(attribution: Attribution) -> list[str]:
    speaker = attribution.speaker
    who = speaker.name or "(no speaker)"
    if speaker.resolution not in {"name", "unresolved"} and speaker.mention:
        who += f"  [from '{speaker.mention.text}', {speaker.resolution}]"
    if speaker.resolution == "unresolved":
        who += "  [unresolved]"
    cue = attribution.cue.text if attribution.cue else "—"
    chain = " → ".join([*attribution.via, speaker.name or "?"]) if attribution.via else "—"
    content = _short(attribution.content.text)
    if attribution.kind == "direct":
        content = f"“{content}”"
    sure = f" · confidence {attribution.confidence:.2f}" if attribution.confidence is not None else ""
    lines = [
        f"  {attribution.id:>4}  {who}",
        f"        {KIND_LABEL.get(attribution.kind, attribution.kind)} · cue '{cue}' · via {chain}{sure}",
    ]
    if attribution.citing and attribution.citing.name:
        lines.append(f"        citing {attribution.citing.name}")
    lines.extend(textwrap.wrap(content, WIDTH - 8, initial_indent="        ", subsequent_indent="        "))
    return lines


def _persuasion_lines(article: Article) -> list[str]:
    """Techniques in the outlet's own words first, then those relayed from speakers."""
    summary = article.persuasion_summary
    if summary is None:
        return []
    lines = [f"PERSUASION ({len(article.persuasion)} technique spans)"]
    share = summary.get("own_voice_loaded_share")
    if share is not None:
        lines.append(
            f"  own voice: {summary['own_voice_loaded_sentences']} of {summary['own_voice_sentences']} sentences "
            f"({share:.0%}) carry Loaded_Language or Name_Calling"
        )
    for voice, label in (("outlet", "outlet's own words"), ("attributed", "relayed from speakers")):
        counts = summary["by_voice"].get(voice, {})
        listed = ", ".join(f"{t} {n}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"  {label}: {listed or 'none'}")
    for p in sorted(article.persuasion, key=lambda x: (x.voice != "outlet", x.span.start)):
        who = "outlet" if p.voice == "outlet" else f"{p.speaker or '(unresolved)'} [{p.attribution}]"
        lines.append(f"    {p.technique:<26} {p.score:.2f}  {who:<28} “{_short(p.span.text, 80)}”")
    return lines


def render_article(article: Article) -> str:
    """The report: header facts, attributions by speaker order, relay chains, own voice, times."""
    title = article.title or article.source or article.id
    lines = ["=" * WIDTH, f"{title}"]
    facts = []
    if article.published:
        facts.append(f"published {article.published}")
    if article.dateline:
        facts.append(f"dateline {article.dateline.place or '?'}, {article.dateline.date or '?'}")
    if article.agency:
        facts.append(f"agency {article.agency}")
    if article.outlet:
        facts.append(f"outlet {article.outlet}")
    if article.byline:
        facts.append(f"by {article.byline}")
    if facts:
        lines.append(" · ".join(facts))
    if article.errors:
        lines.append("ERRORS:")
        lines.extend(f"  {e.stage}: {e.message}" for e in article.errors)
        return "\n".join(lines)
    if article.skipped:
        stages = ", ".join(s.stage for s in article.skipped)
        lines.append(f"NOT ANALYZED: the text is in '{article.language}'; skipped {stages}")
        lines.append(f"  {article.skipped[0].reason}")
        return "\n".join(lines)
    lines.append("-" * WIDTH)
    lines.append(f"WHO SAID WHAT ({len(article.attributions)} attributions)")
    for attribution in article.attributions:
        lines.extend(_attribution_lines(attribution))
    chains = [c for c in article.relay_chains() if len(c) > 2]
    if chains:
        lines.append("RELAY CHAINS")
        lines.extend("  " + " → ".join(chain) for chain in chains)
    lines.append(f"OWN VOICE ({len(article.own_voice)} sentences the outlet asserts itself)")
    for span in article.own_voice:
        lines.extend(textwrap.wrap(_short(span.text, 400), WIDTH - 4, initial_indent="  • ", subsequent_indent="    "))
    lines.extend(_persuasion_lines(article))
    people = [e for e in article.entities if e.type in {"PERSON", "ORG", "GPE"}]
    if people:
        lines.append("ENTITIES")
        for entity in people:
            forms = sorted({m.span.text for m in entity.mentions} - {entity.name})
            extra = f" (also: {', '.join(forms)})" if forms else ""
            lines.append(f"  {entity.type:<6} {entity.name}{extra}")
    if article.times:
        lines.append("TIMES")
        for time in article.times:
            # a set says how often, not when: its TimeML value is its frequency ('every day': P1D)
            value = f"every {time.frequency}" if time.frequency else (time.value or "—")
            mod = f", {time.mod.lower().replace('_', ' ')}" if time.mod else ""
            lines.append(f"  {time.span.text!r:<24} → {value} ({time.resolution}{mod})")
    return "\n".join(lines)
