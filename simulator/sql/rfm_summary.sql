-- Shop What-If / 店铺推演: the per-customer RFM summary the repeat-model fit takes
-- (simulator/sql/rfm_summary.sql; shown on the Calibrate page and in the README).
--
-- Input: a table or view `orders` with one row per paid order:
--   customer_id  the buyer (any type)
--   order_time   the order's date or timestamp (the time of day is dropped)
--   amount       what the buyer paid for it (yuan, >= 0)
-- Filter closed / cancelled / refunded / unpaid orders out of `orders` first (the app leaves out
-- states matching 关闭|取消|退款|未付款|等待买家付款|closed|cancel|refund|unpaid|pending).
-- {calibration_end} is the last day of the calibration period, e.g. CAST('1997-09-30' AS DATE);
-- DAYS_BETWEEN(a, b) is b - a in days: Spark SQL / Hive DATEDIFF(b, a),
-- MaxCompute DATEDIFF(b, a, 'dd'), DuckDB DATE_DIFF('day', a, b).
--
-- Output, one row per customer whose first order is on or before the calibration end:
--   customer_id, frequency (repeat days in the calibration period),
--   recency (days from the first order to the last of them; 0 when frequency = 0),
--   T (days from the first order to the calibration end),
--   monetary_value (mean value of those repeat days; NULL when frequency = 0),
--   first_date (the first order's day; optional for the app, it dates the summary)
-- (the column names and units of the `lifetimes` package's summary_data_from_transaction_data,
-- in days: x, t_x, T and m-bar in Fader, Hardie & Lee's notation).
-- Orders of one customer on one day are one transaction (their amounts add up).
WITH days AS (
  SELECT customer_id, CAST(order_time AS DATE) AS order_day, SUM(amount) AS amount
  FROM orders
  WHERE customer_id IS NOT NULL AND order_time IS NOT NULL AND amount >= 0
  GROUP BY customer_id, CAST(order_time AS DATE)
),
firsts AS (
  SELECT customer_id, MIN(order_day) AS first_day
  FROM days
  GROUP BY customer_id
),
marked AS (
  SELECT d.customer_id, f.first_day, d.order_day, d.amount,
         CASE WHEN d.order_day > f.first_day AND d.order_day <= {calibration_end}
              THEN 1 ELSE 0 END AS is_repeat
  FROM days d JOIN firsts f ON d.customer_id = f.customer_id
  WHERE f.first_day <= {calibration_end}
)
SELECT customer_id,
       SUM(is_repeat) AS frequency,
       MAX(CASE WHEN is_repeat = 1 THEN DAYS_BETWEEN(first_day, order_day) ELSE 0 END)
         AS recency,
       MAX(DAYS_BETWEEN(first_day, {calibration_end})) AS T,
       CASE WHEN SUM(is_repeat) > 0
            THEN SUM(CASE WHEN is_repeat = 1 THEN amount ELSE 0 END) / SUM(is_repeat)
       END AS monetary_value,
       first_day AS first_date
FROM marked
GROUP BY customer_id, first_day
