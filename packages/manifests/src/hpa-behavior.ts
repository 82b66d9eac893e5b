/**
 * A HorizontalPodAutoscaler's `spec.behavior` (autoscaling/v2), the one type every reader of it shares:
 * the manifests' service model, the lab's controller and normalisation, the cluster adapter of `lab watch`.
 * Unset fields stay unset (`null` or absent) so that the controller's defaults are applied in one place.
 */
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';
export type ScalingPolicyType = 'Pods' | 'Percent';

export interface ScalingPolicy {
  type: ScalingPolicyType;
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  selectPolicy?: SelectPolicy | null;
  stabilizationWindowSeconds?: number | null;
  policies?: ScalingPolicy[] | null;
  /** The per-direction tolerance (alpha `HPAConfigurableTolerance`); absent means the controller's flag. */
  tolerance?: number | null;
}

export interface HpaBehavior {
  scaleUp?: ScalingRules | null;
  scaleDown?: ScalingRules | null;
}
