"""The thread planner's shortcuts agree with the walk."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kuulo.bot.threads import ThreadPost, alone_case, plan_thread

posts = st.builds(ThreadPost, id=st.just("p"), parent=st.none(), ts=st.floats(0, 2e9), author=st.text(max_size=5),
                  own_brand=st.none() | st.just("Nordea"), brand=st.none() | st.sampled_from(["Nordea", "OP"]),
                  category=st.none() | st.just("verkkopankki"), priority=st.sampled_from(["low", "normal", "high"]),
                  needs_reply=st.booleans(), is_question=st.booleans(), negative=st.booleans())


@settings(max_examples=200, deadline=None)
@given(post=posts, open_for=st.sampled_from(["needs_reply", "questions", "all"]))
def test_a_post_alone_is_decided_as_the_walk_decides_it(post, open_for):
    assert alone_case(post, open_for) == plan_thread([post], (), open_for).cases.get("p")
