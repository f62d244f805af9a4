package org.ripieno.orchestra.rankings.boundary;

/** Body of creating a ranking list ({@code positionId}, {@code listType}) or describing it. */
public record RankingListInput(Integer positionId, String listType, String description) {}
