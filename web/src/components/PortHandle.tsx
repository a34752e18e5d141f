import type { PortKind } from '@causeway/sdk';
import { Handle, Position } from '@xyflow/react';
import { portColors } from '../canvas/port-colors';

export interface PortHandleProps {
  nodeId: string;
  portId: string;
  /** `unknown` on a placeholder node (its plugin is not installed): known only by name. */
  kind: PortKind | 'unknown';
  side: 'input' | 'output';
  optional?: boolean;
  multiple?: boolean;
  /** Output ports: shows the port's result. */
  onShow?: () => void;
  active?: boolean;
  /** Zoomed far out: the handle without its label. */
  compact?: boolean;
}

const unknownColor = '#6b7178';

/** A typed, coloured port: the handle to connect from or to, and its label (a button on outputs). */
export function PortHandle({ nodeId, portId, kind, side, optional, multiple, onShow, active, compact }: PortHandleProps) {
  const color = kind === 'unknown' ? unknownColor : portColors[kind];
  const title = `${portId}: ${kind}${optional ? ', optional' : ''}${multiple ? ', takes several' : ''}`;
  return (
    <div className={`port port-${side}`} data-port={`${nodeId}.${portId}`} data-side={side}>
      <Handle
        type={side === 'input' ? 'target' : 'source'}
        position={side === 'input' ? Position.Left : Position.Right}
        id={portId}
        className={`handle handle-${kind}${multiple ? ' handle-multiple' : ''}`}
        style={{ background: optional ? '#fff' : color, borderColor: color }}
        title={title}
        role="img"
        aria-label={`${side === 'input' ? 'Input' : 'Output'} ${portId} (${kind}) of ${nodeId}`}
      />
      {compact ? null : side === 'output' && onShow ? (
        <button
          type="button"
          className={`port-label nodrag${active ? ' active' : ''}`}
          style={{ color }}
          onClick={onShow}
          title={`Show ${title}`}
        >
          {portId}
        </button>
      ) : (
        <span className="port-label" style={{ color }} title={title}>
          {portId}
        </span>
      )}
    </div>
  );
}
