"""Suite-wide settings: chart validation under test, and the slow set of ``make test-fast``.

``make test`` runs every test. ``make test-fast`` (model, ui and AppTest tiers, two workers)
leaves out the tests marked ``slow``: the heavy cases listed in ``SLOW`` below (measured with
``pytest --durations`` on a loaded 2-core machine: each took 5-85 s there), whose checks the fast tier
still makes in a smaller form: one language of a scan run in both, one preset of a sweep over
three, the lighter hypothesis properties and the example-based tests of the same modules.
"""

from __future__ import annotations

import os

import pytest

#: Node ids (``file::test`` or ``file::test[params]``) of the slow set; a plain ``file::test``
#: marks every parametrisation of it.
SLOW = frozenset(
    {
        # AppTest sweeps: every page of the app, drawn for every lever or language
        "tests/app/test_inputs.py::test_every_lever_has_an_input[everything_on]",
        "tests/app/test_inputs.py::test_every_lever_has_an_input[everything_on_gamma_gamma]",
        "tests/app/test_language_scan.py::test_every_page_speaks_only_the_users_language[en]",
        "tests/app/test_hostile_text.py::test_hostile_scenario_names_are_text_on_every_page[en]",
        "tests/app/test_hostile_text.py::test_a_hostile_calibrate_file_is_named_as_text[zh]",
        # AppTest stories of many steps (their single steps are tested on their own)
        "tests/app/test_undo.py::test_promotions_reset_rename_swap_horizon_and_a_share_link_are_steps_too",
        "tests/app/test_undo.py::test_twenty_five_edits_then_more_than_twenty_undos_and_a_new_edit_clears_redo",
        "tests/app/test_undo.py::test_every_kind_of_change_is_undone_to_the_start_and_redone[zh]",
        "tests/app/test_pages.py::test_compare_saves_renames_duplicates_deletes_and_compares[zh]",
        "tests/app/test_pages.py::test_layering_rule_refuses_a_fourth_layer_and_a_second_of_a_kind[zh]",
        # Calibrate page: real fits in the worker process (one language each in the fast tier)
        "tests/app/test_calibrate_page.py::test_columns_the_app_cannot_recognise_can_be_chosen",
        "tests/app/test_calibrate_page.py::test_the_daily_sample_derives_the_baseline[zh]",
        "tests/app/test_calibrate_page.py::test_the_cdnow_sample_gives_the_published_fit_and_applies_on_request[zh]",
        "tests/app/test_calibrate_page.py::test_a_gbk_excel_style_export_with_chinese_headers",
        "tests/app/test_calibrate_page.py::test_dates_in_several_forms_are_all_read",
        "tests/app/test_calibrate_bombs.py::test_the_shared_string_bomb_is_refused_in_words",
        # hypothesis: the long-running properties (each a few hundred simulations)
        "tests/ui/test_share.py::test_random_workspaces_round_trip_exactly_through_link_and_file",
        "tests/simulator/test_properties.py::test_more_organic_uv_never_lowers_gmv_against_a_fixed_reference",
        "tests/simulator/test_properties.py::test_scores_stay_within_one_and_five",
        "tests/simulator/test_properties.py::test_pull_forward_debt_is_conserved",
        "tests/simulator/test_properties.py::test_promotion_costs_are_never_negative",
        "tests/simulator/test_properties.py::test_contract_identities",
        "tests/simulator/test_properties.py::test_more_organic_uv_never_lowers_gmv",
        "tests/simulator/test_properties.py::test_deeper_item_discount_never_lowers_orders_on_its_days",
        "tests/simulator/test_properties.py::test_more_capacity_never_lowers_the_logistics_score",
        "tests/simulator/test_properties.py::test_outputs_finite_and_non_negative",
        "tests/simulator/test_properties.py::test_outputs_finite_for_any_in_range_promotion",
        "tests/simulator/test_properties.py::test_zero_depth_promotions_give_exactly_the_baseline",
        "tests/simulator/test_bridge.py::test_effects_sum_to_the_gmv_change",
        "tests/simulator/test_bridge.py::test_profit_effects_sum_to_the_profit_change",
        # issue 18 (a fast tier of 2 minutes): the price-or-cost property over 17 prices and costs
        # took a third of it; the fast tier keeps one of each kind (a price the customers pay,
        # a cost the shop pays, a cost that buys visitors: membership.fee,
        # finance.shipping_cost, traffic.paid_search.cpc)
        *(
            "tests/simulator/test_properties.py::"
            f"test_a_dearer_price_or_cost_never_adds_more_profit_than_it_brings_in[{path}]"
            for path in (
                "membership.card.price",
                "store.shipping_fee",
                "finance.platform_fee_rate",
                "finance.agent_wage_per_day",
                "payment.sms_cost",
                "payment.call_cost",
                "traffic.affiliate.commission_rate",
                "campaign.fee_per_day",
                "campaign.commission_rate",
                "promotion.gift.cost",
                "promotion.addon.cost",
                "promotion.lottery.prize_cost",
                "store.gross_margin",
                "traffic.display.cpc",
            )
        ),
        # issue 18 (a fast tier of 2 minutes on an idle machine, 2m17s before): every bad order
        # file is checked once in the fast tier, the languages taking turns; both in `make test`
        *(
            "tests/app/test_calibrate_page.py::"
            f"test_a_bad_order_file_is_named_and_changes_nothing[{case}]"
            for case in (
                "zh-empty-<lambda>-error-up.empty-fields1",
                "zh-header only-<lambda>-error-up.no_rows-fields3",
                "zh-text in amounts-<lambda>-warning-up.bad_number-fields5",
                "zh-duplicate orders-<lambda>-warning-up.duplicate_order-fields7",
                "zh-malformed-<lambda>-error-up.malformed-fields9",
                "en-encoding-<lambda>-error-up.encoding-fields0",
                "en-huge-_big-error-up.too_big-fields2",
                "en-missing column-<lambda>-error-up.missing_column-fields4",
                "en-negative amounts-<lambda>-warning-up.negative-fields6",
                "en-bad date-<lambda>-warning-up.bad_date-fields8",
                "en-xls-<lambda>-error-up.xls-fields10",
            )
        ),
        # a check of the test strategy itself (40 scenarios drawn), not of the model
        "tests/simulator/test_properties.py::test_strategy_explores_the_registry",
        # two more interpreters started (imports); the link-and-read test runs the real command
        "tests/ui/test_share.py::test_command_line_refuses_bad_input_in_one_line",
    }
)


#: Measured with ``pytest --durations=0`` on an idle 2-core machine (2026-12-04): every test of
#: the fast tier whose call took 1.75 s or more (AppTest stories, real fits, database servers,
#: optimisations), so ``make test-fast`` stays near two minutes; ``make test`` runs them all.
MEASURED_SLOW = frozenset(
    {
        "tests/app/test_bad_input.py::test_excels_unicode_text_is_read_on_the_calibrate_page",
        "tests/app/test_bad_input.py::test_orders_dated_2099_are_named_with_their_row",
        "tests/app/test_calibrate_bombs.py::test_a_read_that_runs_out_of_time_is_stopped_and_said",
        "tests/app/test_calibrate_bombs.py::test_the_row_bomb_is_refused_in_words_and_dropped",
        "tests/app/test_calibrate_page.py::test_a_bad_daily_file_is_named",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-bad",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-duplicate",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-empty-<lambda>-error-up.empty-fields1]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-encoding-<lambda>-error-up.encoding-fields0]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-header",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-huge-_big-error-up.too_big-fields2]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-malformed-<lambda>-error-up.malformed-fields9]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-missing",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-negative",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[en-text",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-bad",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-duplicate",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-empty-<lambda>-error-up.empty-fields1]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-encoding-<lambda>-error-up.encoding-fields0]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-header",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-huge-_big-error-up.too_big-fields2]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-malformed-<lambda>-error-up.malformed-fields9]",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-missing",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-negative",
        "tests/app/test_calibrate_page.py::test_a_bad_order_file_is_named_and_changes_nothing[zh-text",
        "tests/app/test_calibrate_page.py::test_a_fit_goes_only_into_the_scenarios_ticked",
        "tests/app/test_calibrate_page.py::test_a_history_too_small_to_fit_says_so_and_offers_nothing_to_apply",
        "tests/app/test_calibrate_page.py::test_paid_traffic_above_the_measured_visitors_is_refused_in_words",
        "tests/app/test_calibrate_page.py::test_the_cdnow_sample_gives_the_published_fit_and_applies_on_request",
        "tests/app/test_calibrate_page.py::test_the_daily_sample_derives_the_baseline",
        "tests/app/test_calibrate_page.py::test_the_trend_choice_belongs_to_the_file_it_was_made_for",
        "tests/app/test_dates.py::test_the_double11_template_applies_window_preheat_and_traffic",
        "tests/app/test_decide_page.py::test_optimize_two_levers_under_a_spend_cap_and_save_the_best",
        "tests/app/test_hostile_text.py::test_a_hostile_calibrate_file_is_named_as_text",
        "tests/app/test_hostile_text.py::test_hostile_scenario_names_are_text_on_every_page",
        "tests/app/test_inputs.py::test_every_lever_has_an_input[mid_store]",
        "tests/app/test_language_scan.py::test_every_page_speaks_only_the_users_language",
        "tests/app/test_lessons_page.py::test_walk_every_step_of_every_lesson",
        "tests/app/test_pages.py::test_a_workspace_too_long_for_a_link_is_offered_as_a_file",
        "tests/app/test_pages.py::test_choices_survive_a_language_switch_and_hold_no_label",
        "tests/app/test_pages.py::test_compare_saves_renames_duplicates_deletes_and_compares",
        "tests/app/test_pages.py::test_every_page_renders_in_the_language",
        "tests/app/test_pages.py::test_layering_rule_refuses_a_fourth_layer_and_a_second_of_a_kind",
        "tests/app/test_pages.py::test_new_from_preset_make_baseline_and_edit_swap_without_dropping_anything",
        "tests/app/test_pages.py::test_the_baseline_and_the_plan_can_be_named_and_the_names_travel",
        "tests/app/test_pages.py::test_the_profit_waterfall_closes_with_loyalty_schemes_on",
        "tests/app/test_ranges.py::test_a_workspace_file_carries_the_settings_and_an_old_one_the_defaults",
        "tests/app/test_sensitivity_page.py::test_a_plan_against_the_baseline_shows_its_change",
        "tests/app/test_sensitivity_page.py::test_tornado_reading_and_sobol",
        "tests/app/test_uncertainty_page.py::test_ranges_shown_and_an_edit_persists_with_undo_and_reset",
        "tests/app/test_undo.py::test_every_kind_of_change_is_undone_to_the_start_and_redone",
        "tests/app/test_undo.py::test_restored_values_show_in_the_widgets_and_the_data_mark_follows",
        "tests/simulator/test_filecheck.py::test_the_400_mb_shared_string_is_refused_at_once",
        "tests/simulator/test_properties.py::test_a_dearer_price_or_cost_never_adds_more_profit_than_it_brings_in[membership.fee]",
        "tests/simulator/test_properties.py::test_json_round_trip_is_exact",
        "tests/simulator/test_properties.py::test_scores_stay_at_their_initial_values_when_nothing_changes",
        "tests/ui/test_bands.py::test_the_workbook_and_the_report_carry_the_odds",
        "tests/ui/test_catalogue.py::test_every_key_built_at_run_time_is_a_declared_family",
        "tests/ui/test_exports.py::test_scenario_names_never_become_formulas",
        "tests/ui/test_hardening.py::test_a_name_with_a_control_character_never_breaks_the_excel_export",
        "tests/ui/test_lessons.py::test_handout_draws_each_steps_chart",
        "tests/ui/test_lessons.py::test_list_command",
        "tests/ui/test_share.py::test_command_line_link_and_read",
        "tests/ui/test_typed_errors.py::test_a_typed_error_crosses_the_worker_process",
        "tests/ui/test_worker.py::test_a_job_over_its_time_is_killed",
        "tests/ui/test_worker.py::test_no_more_than_max_jobs_run_at_once",
    }
)


def pytest_configure(config: pytest.Config) -> None:
    # The app draws the charts it built without re-validating them on every rerun (issue 18);
    # under test every chart drawn is checked against the Vega-Lite schema (ui/charts.py).
    os.environ["SHOP_WHATIF_VALIDATE_CHARTS"] = "1"


def _node_id(item: pytest.Item) -> str:
    """``tests/…::name[params]`` whatever directory pytest was started from."""
    path = item.path.resolve().relative_to(_ROOT).as_posix()
    return f"{path}::{item.name}"


_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _lang(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("lang") if callspec is not None else None


def _slow(node: str) -> bool:
    slow = SLOW | MEASURED_SLOW
    return node in slow or node.split("[", 1)[0] in slow


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow set. Besides ``SLOW``, an AppTest story told in both languages runs in the
    fast tier once, in English (issue 18: a fast tier of 2 minutes on an idle machine, 2m14s
    before): its Chinese run is marked slow unless the English one already is (the language
    scan and the hostile-names sweep keep Chinese). ``make test`` runs both."""
    fast_en = {
        _node_id(i).replace("[en", "[zh", 1)
        for i in items
        if _lang(i) == "en" and i.path.parent.name == "app" and not _slow(_node_id(i))
    }
    for item in items:
        node = _node_id(item)
        if _slow(node) or node in fast_en:
            item.add_marker(pytest.mark.slow)
