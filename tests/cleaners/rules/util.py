from cleaners.text import clean_text

PROSE = ("The committee met for six hours on Tuesday and heard from more than forty witnesses, "
         "several of whom asked to remain anonymous.")


def dropped(result, rule):
    return [r.text for r in result.removed if r.rule == rule]


def clean(*lines, site=None):
    return clean_text("\n".join(lines), site=site)
