/**
 * Budgets: spending caps in US dollars on organizations, teams, keys and users per day, week,
 * month or in total, checked before a request goes upstream (with its estimated cost) and settled
 * with its exact cost afterwards, shared by every gateway instance through the database; and the
 * alerts they raise at their thresholds.
 */
package dev.llmgateway.cost.budget;
