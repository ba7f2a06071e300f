namespace Homeward.Figures;

/// <summary>How the dashboard splits its figures into rows.</summary>
public enum Breakdown { Locality, Hospital, Route, Pathway, AgeBand }

/// <summary>The length of each point of a figure's trend.</summary>
public enum TrendBy { Week, Month }
