"""The shipped ladder carries every fact of the source article."""

from __future__ import annotations

# Names exactly as the article gives them, rung by rung.
ARTICLE = {
    "apm": ("Associate Product Manager", "APM", 4,
            ["Learning Mindset", "Team Collaboration"],
            ["Communication", "Adaptability", "Curiosity", "Empathy", "Time Management",
             "Relationship Building", "Resilience", "Attention to Detail"]),
    "pm": ("Product Manager", "PM", 4,
           ["Strategic Thinking", "Stakeholder Management"],
           ["Critical Thinking", "Negotiation", "Decision-Making", "User Empathy", "Problem-Solving", "Influence"]),
    "senior-pm": ("Senior Product Manager", "Senior PM", 3,
                  ["Strategic Visioning", "Mentorship", "Stakeholder Alignment"],
                  ["Executive Presence", "Advanced Negotiation", "Mentorship", "Cross-Functional Leadership",
                   "Visionary Thinking"]),
    "group-pm": ("Group Product Manager", "Group PM", 3,
                 ["Vision & Alignment", "Scaling Leadership", "Organizational Influence"],
                 ["Servant Leadership", "Strategic Foresight", "Conflict Resolution", "Empowerment", "Storytelling"]),
    "director-pm": ("Director of Product Management", "Director PM", 3,
                    ["Visionary Leadership", "Organizational Alignment", "Scaling Product Strategy"],
                    ["Influence at Scale", "High-Level Problem Solving", "Cultural Leadership",
                     "Emotional Intelligence", "Analytical Mindset"]),
}

EXAMPLE_SETTINGS = ["health tech startup", "e-commerce company", "SaaS", "fintech", "large tech company"]


def test_rungs_in_the_article_order(default_ladder):
    assert [rung.id for rung in default_ladder.rungs] == list(ARTICLE)


def test_each_rung_has_the_article_names(default_ladder):
    for rung in default_ladder.rungs:
        title, short, responsibilities, leadership, soft_skills = ARTICLE[rung.id]
        assert (rung.title, rung.short) == (title, short)
        assert len(rung.responsibilities) == responsibilities
        assert [skill.name for skill in rung.leadership] == leadership
        assert [skill.name for skill in rung.soft_skills] == soft_skills
        assert all(skill.description for skill in rung.leadership + rung.soft_skills)


def test_examples_keep_their_settings(default_ladder):
    for rung, setting in zip(default_ladder.rungs, EXAMPLE_SETTINGS):
        assert setting.lower() in (rung.example.setting + rung.example.story).lower()


def test_source_is_credited(default_ladder):
    assert default_ladder.source.title == "Climbing the Product Management Ladder"
    assert default_ladder.source.author == "Richard Ewing"
    assert default_ladder.conclusion.heading == "Navigating the Product Management Ladder"
    assert default_ladder.introduction


def test_labels_are_the_article_headings(default_ladder):
    labels = default_ladder.labels
    assert (labels.what_it_is, labels.responsibilities, labels.leadership, labels.soft_skills, labels.example) == (
        "What It Is", "Key Responsibilities", "Leadership Components", "Soft Skills", "Real-World Example")
